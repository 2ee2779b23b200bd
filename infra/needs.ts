// What each function may touch, read from its own declaration (`export const needs` in its module, see
// functions/composition/needs.ts): the table access it declares and what the adapters it uses need. The runtime
// builds the same adapters from the same object, so a grant and its use cannot drift apart.
import { grantsOf, type Grants } from '../functions/composition/needs.ts';
import { endpoints, type RouteName } from '../functions/http/routes.ts';
import * as authorizer from '../functions/http/authorizer.ts';
import * as dailyDigest from '../functions/scheduled/daily-digest.ts';
import * as nationalDigest from '../functions/scheduled/national-digest.ts';
import * as reconcile from '../functions/scheduled/reconcile.ts';
import * as retention from '../functions/scheduled/retention.ts';
import * as accessLogWriter from '../functions/subscribers/write-access-log.ts';
import { STEP_MODULES, type StepModules } from './step-modules.ts';

export type Needs = Grants;

/** A route's grants, from its endpoint module's declaration. */
export function routeNeeds(name: string): Needs {
  if (!Object.hasOwn(endpoints, name)) throw new Error(`no endpoint ${name} in functions/http/routes.ts`);
  return grantsOf(endpoints[name as RouteName].needs);
}

/** A workflow step's grants, from its module's declaration (by handler file name: kebab-case, no extension); the
 *  tests' fixture workflow passes its own step modules. */
export function stepNeeds(stepFile: string, steps: StepModules = STEP_MODULES): Needs {
  const step = steps.get(stepFile);
  if (!step) throw new Error(`no step module ${stepFile}.ts among the workflow's steps (infra/step-modules.ts lists functions/steps/)`);
  return grantsOf(step.needs);
}

/** The region-key authorizer looks a hashed key up, nothing more. */
export const AUTHORIZER_NEEDS: Needs = grantsOf(authorizer.needs);

/** The daily digest job reads the regions' reports, marks each digest sent, and e-mails Bawaslu. */
export const DIGEST_NEEDS: Needs = grantsOf(dailyDigest.needs);

/** The national bodies' weekly digest reads their recommendations and regions, marks each digest sent, and e-mails. */
export const NATIONAL_DIGEST_NEEDS: Needs = grantsOf(nationalDigest.needs);

/** The retention purge reads closed reports and erases their personal data; the link key makes the NIPs' keyed hashes. */
export const RETENTION_NEEDS: Needs = grantsOf(retention.needs);

/** The scheduled reconciler reads open reports, records repairs, and describes, redrives and starts executions;
 *  it hands waiting steps to acting officials whose period starts or ends (a signed link, e-mailed). */
export const RECONCILER_NEEDS: Needs = grantsOf(reconcile.needs);

/** The access log's writer reads regions' settings (retention.accessLog) and appends to the log's partitions alone. */
export const ACCESS_LOG_WRITER_NEEDS: Needs = grantsOf(accessLogWriter.needs);
