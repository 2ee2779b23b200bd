// What each function may touch, in one place to review: defaults by kind of function, exceptions by name.
import type { Route } from '../functions/lib/route.ts';
import type { TableAccess } from './constructs/netra-function.ts';

export interface Needs {
  table: TableAccess;
  /** states:StartExecution on the sanction state machine. */
  startExecution?: boolean;
  /** states:SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on the sanction state machine. */
  resumeExecution?: boolean;
  /** states:DescribeExecution / RedriveExecution on the sanction state machine's executions (repairs). */
  repairExecution?: boolean;
  /** secretsmanager:GetSecretValue on the key that signs decision links. */
  linkSecret?: boolean;
  /** ses:SendEmail / ses:SendRawEmail from the sender address through the configured identity. */
  sendEmail?: boolean;
  /** The reporter key (KMS): `seal` may only make data keys (kms:GenerateDataKey), `unseal` only open them (kms:Decrypt). */
  reporterKey?: 'seal' | 'unseal';
}

/** The path prefix of the decision pages (SPEC: `GET {baseUrl}/decisions/{decisionId}`). */
export const DECISION_PATH_PREFIX = '/decisions/';

const ROUTE_EXCEPTIONS: Record<string, Partial<Needs>> = {
  // Built from the schemas alone.
  openapi: { table: 'none' },
  // The guidance catalogue is data in the bundle.
  getGuidance: { table: 'none' },
  // The intake starts the report's sanction workflow, and repairs it when a retry finds it not running.
  // It also seals the reporter's identity under the reporter key.
  submitReport: { startExecution: true, repairExecution: true, reporterKey: 'seal' },
  // Opens a reporter's identity, and e-mails the PPK that it happened.
  unsealReporter: { reporterKey: 'unseal', sendEmail: true },
  // A national body's recommendation is a report: the same start and repair, and its reporter sealed.
  pushRecommendation: { startExecution: true, repairExecution: true, reporterKey: 'seal' },
  // A national action starts its notice execution (e-mail to the PPK and agency, Bawaslu's webhook).
  recordNationalAction: { startExecution: true },
  // A change of approver hands waiting steps over: a new signed link, e-mailed to the new holder.
  putOpd: { linkSecret: true, sendEmail: true },
  putContacts: { linkSecret: true, sendEmail: true },
  // An appeal's outcome starts the report's report.appeal_decided notice execution.
  recordAppealDecision: { startExecution: true },
  // An objection (KEBERATAN) filed in time starts its own execution: the PPK's decision link (ADR 0303).
  fileAppeal: { startExecution: true },
};

/** A route reads the table on GET and writes on PUT/POST; decision pages verify signed links, and a POSTed
 *  decision resumes the waiting execution with its task token. */
export function routeNeeds(name: string, route: Pick<Route, 'method' | 'path'>): Needs {
  const needs: Needs = { table: route.method === 'GET' ? 'read' : 'readwrite' };
  if (route.path.startsWith(DECISION_PATH_PREFIX)) {
    needs.linkSecret = true;
    if (route.method === 'POST') needs.resumeExecution = true;
  }
  return { ...needs, ...ROUTE_EXCEPTIONS[name] };
}

/** The daily digest job reads the regions' reports, marks each digest sent, and e-mails Bawaslu. */
export const DIGEST_NEEDS: Needs = { table: 'readwrite', sendEmail: true };

/** The national bodies' weekly digest reads their recommendations and regions, marks each digest sent, and e-mails. */
export const NATIONAL_DIGEST_NEEDS: Needs = { table: 'readwrite', sendEmail: true };

/** The retention purge reads closed reports and erases their personal data; the link key makes the NIPs' keyed hashes. */
export const RETENTION_NEEDS: Needs = { table: 'readwrite', linkSecret: true };

/** The region-key authorizer looks a hashed key up, nothing more. */
export const AUTHORIZER_NEEDS: Needs = { table: 'read' };

const STEP_EXCEPTIONS: Record<string, Partial<Needs>> = {
  // Starts the report.received notice execution.
  'start-review': { sendEmail: false, linkSecret: false, startExecution: true },
  // Resumes its own wait when the decision was taken before the wait began.
  'await-decision': { sendEmail: false, linkSecret: false, resumeExecution: true },
  // Starts the report.overdue notice execution when a wait passes its last escalation.
  'decision-deadline': { linkSecret: false, startExecution: true },
  'notify-bawaslu': { linkSecret: false },
  'record-notice-failure': { sendEmail: false, linkSecret: false },
  'record-step-failure': { sendEmail: false, linkSecret: false },
  // Starts the report's next execution before this one meets Step Functions' limits.
  'continue-workflow': { sendEmail: false, linkSecret: false, startExecution: true },
};

/** The scheduled reconciler reads open reports, records repairs, and describes, redrives and starts executions;
 *  it hands waiting steps to acting officials whose period starts or ends (a signed link, e-mailed). */
export const RECONCILER_NEEDS: Needs = { table: 'readwrite', startExecution: true, repairExecution: true, linkSecret: true, sendEmail: true };

/** A workflow step records to the table and may e-mail an approver a signed link or Bawaslu a notice; a step
 *  that needs less is narrowed in STEP_EXCEPTIONS by its handler file name (kebab-case, no extension). */
export function stepNeeds(stepFile: string): Needs {
  return { table: 'readwrite', sendEmail: true, linkSecret: true, ...STEP_EXCEPTIONS[stepFile] };
}
