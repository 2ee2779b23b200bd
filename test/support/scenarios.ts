// States the use-case unit tests start from, reached over the fakes through the use cases' exported functions as
// the workflow reaches them: a seeded region, a submitted report, a step waiting on an e-mailed decision link.
import type { NationalRecommendationBody } from '../../functions/domain/national.schema.ts';
import type { DecisionLink } from '../../functions/use-cases/decisions.ts';
import { submitReport } from '../../functions/use-cases/reports.ts';
import { requestDecision } from '../../functions/use-cases/decision-requests.ts';
import { startReview } from '../../functions/use-cases/workflow.ts';
import { submitDecision } from '../../functions/use-cases/decisions.ts';
import type { StoredReport, SubmitReportBody } from '../../functions/domain/report.schema.ts';
import type { Step } from '../../functions/domain/workflow.ts';
import type { DecisionRecord } from '../../functions/domain/decision-record.ts';
import { DEMO_REGIONS, DEMO_REPORT } from '../../infra/local/demo-data.ts';
import { fakeDependencies, type Fakes, type SentMail } from './fakes.ts';

export const BANTUL = DEMO_REGIONS.find((demo) => demo.region.id === '34.02')!;
export const REGION = BANTUL.region.id;

/** Fakes with Bantul's region, OPDs (disdik has a head; dpupr has none) and contacts. */
export async function bantul(options: { now?: Date | string } = {}): Promise<Fakes> {
  const fakes = fakeDependencies(options);
  const at = fakes.clock.now().toISOString();
  await fakes.regions.put(BANTUL.region);
  for (const [opdId, opd] of Object.entries(BANTUL.opds)) await fakes.directory.putOpd(REGION, opdId, opd, at);
  await fakes.directory.putContacts(REGION, BANTUL.contacts, at);
  return fakes;
}

/** A valid report body about Bantul's disdik; override fields to change it. */
export function reportBody(overrides: Partial<SubmitReportBody> = {}): SubmitReportBody {
  return { ...(structuredClone(DEMO_REPORT) as SubmitReportBody), ...overrides };
}

export const aboutOpdWithoutHead = (): Partial<SubmitReportBody> => ({ employee: { ...reportBody().employee, opdId: 'dpupr' } });

export function submitted(fakes: Fakes, overrides: Partial<SubmitReportBody> = {}, idempotencyKey?: string): Promise<StoredReport> {
  return submitReport(fakes, { regionId: REGION, body: reportBody(overrides), idempotencyKey });
}

/** The decision link an e-mail carries, as the approver's click sends it. */
export function linkIn(mail: SentMail): DecisionLink {
  const url = /https?:\/\/\S+\/decisions\/\S+/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no decision link in "${mail.subject}"`);
  const parsed = new URL(url);
  return { decisionId: parsed.pathname.split('/').pop()!, exp: parsed.searchParams.get('exp') ?? undefined, sig: parsed.searchParams.get('sig') ?? undefined };
}

export interface Waiting {
  report: StoredReport;
  record: DecisionRecord;
  link: DecisionLink;
  mail: SentMail;
}

async function request(fakes: Fakes, reportId: string, step: Step): Promise<Waiting> {
  const sent = fakes.mailer.sent.length;
  const answer = await requestDecision(fakes, { regionId: REGION, reportId, step });
  const mail = fakes.mailer.sent.slice(sent).find((m) => m.text.includes('/decisions/'));
  if (!mail) throw new Error(`no decision link e-mailed for ${step}`);
  const found = (await fakes.reports.get(REGION, reportId))!;
  return { report: found.report, record: (await fakes.decisions.get(answer.decisionKey))!, link: linkIn(mail), mail };
}

/** A report waiting at a step with its one live link e-mailed; the wait's task token is on the record. */
export async function waitingAt(fakes: Fakes, step: Step, overrides: Partial<SubmitReportBody> = {}): Promise<Waiting> {
  if (step === 'OPD_REVIEW') return withToken(fakes, await request(fakes, (await submitted(fakes, overrides)).id, 'OPD_REVIEW'));
  // An OPD without a head skips the review: the report goes straight to BKPP.
  const report = await submitted(fakes, { ...aboutOpdWithoutHead(), ...overrides });
  await startReview(fakes, { regionId: REGION, reportId: report.id });
  const bkpp = await request(fakes, report.id, 'BKPP_ASSESSMENT');
  if (step === 'BKPP_ASSESSMENT') return withToken(fakes, bkpp);
  await submitDecision(fakes, bkpp.link, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' });
  return withToken(fakes, await request(fakes, report.id, 'PPK_DECISION'));
}

async function withToken(fakes: Fakes, waiting: Waiting): Promise<Waiting> {
  const token = `token-${waiting.record.key.slice(0, 8)}`;
  fakes.workflow.wait(token);
  const record = (await fakes.decisions.attachToken(waiting.record.key, token))!;
  return { ...waiting, record };
}

/** A report the PPK closed with this sanction (decree 800/1/2024), at the fakes' clock. */
export async function sanctionedWith(fakes: Fakes, sanction: NonNullable<StoredReport['sanction']>['sanction'], overrides: Partial<SubmitReportBody> = {}): Promise<StoredReport> {
  const { link, report } = await waitingAt(fakes, 'PPK_DECISION', overrides);
  const { SANCTIONS } = await import('../../functions/domain/codes.ts');
  await submitDecision(fakes, link, { outcome: 'IMPOSE', level: SANCTIONS[sanction].level, sanction, decreeNumber: '800/1/2024', notes: 'Ditetapkan PPK setelah pemeriksaan.' });
  return (await fakes.reports.get(REGION, report.id))!.report;
}

/** A valid recommendation a national body pushes into Bantul; override fields to change it. */
export function recommendation(overrides: Partial<NationalRecommendationBody> = {}): NationalRecommendationBody {
  return {
    regionId: REGION, electionId: 'pilkada-2024', incidentDate: '2024-10-02', category: 'MEDIA_SOSIAL',
    description: 'Membagikan poster pasangan calon di grup WhatsApp dinas.', location: 'Bantul', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' },
    number: 'B-4521/R-BKN/XI/2024', issuedAt: '2024-09-30', dueAt: '2024-10-10',
    ...overrides,
  };
}
