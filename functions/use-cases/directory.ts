// The region's directory: OPDs, contacts and step timings, as the region's own system maintains them.
import type { Dependencies } from '#ports';
import { InputError } from '#domain/errors';
import { regionNotFound } from '#domain/not-found';
import { durationSeconds } from '#domain/durations';
import { regionTimeZone } from '#domain/time-zones';
import type { Contacts, Directory, PutOpdBody, SettingsChange } from '#domain/directory.schema';
import { applyApproverChanges } from './sanction/shared/approver-changes.ts';

type Deps = Pick<Dependencies, 'clock' | 'directory' | 'regions'>;
type ChangeDeps = Deps & Pick<Dependencies, 'webhooks' | 'log' | 'reports' | 'reportQueries' | 'claims' | 'decisions' | 'mailer' | 'mails' | 'links' | 'markSent'>;

/** A directory PUT applies at once to the steps waiting on the role it changed. Its own answer does not wait on
 *  an e-mail: what could not be applied now (logged) the reconciler's next run applies. */
async function applyNow(deps: ChangeDeps, regionId: string, only: Parameters<typeof applyApproverChanges>[2]) {
  try {
    await applyApproverChanges(deps, regionId, only);
  } catch (error) {
    deps.log.warn('approver changes not applied now; the reconciler applies them', { regionId, error: error as Error });
  }
}

export async function putOpd(deps: ChangeDeps, regionId: string, opdId: string, body: PutOpdBody) {
  const opd = await deps.directory.putOpd(regionId, opdId, body, deps.clock.now().toISOString());
  await applyNow(deps, regionId, { steps: ['OPD_REVIEW'], opdId });
  return opd;
}

export async function putContacts(deps: ChangeDeps, regionId: string, contacts: Contacts) {
  // A URL that can never be delivered to is refused now, not found out when the first report closes.
  const problem = contacts.bawaslu.webhookUrl ? deps.webhooks.urlProblem(contacts.bawaslu.webhookUrl) : null;
  if (problem) throw new InputError([{ path: 'bawaslu.webhookUrl', message: problem }]);
  await deps.directory.putContacts(regionId, contacts, deps.clock.now().toISOString());
  await applyNow(deps, regionId, { steps: ['BKPP_ASSESSMENT', 'PPK_DECISION'] });
}

/** Deadlines shorter than this are refused (400); AWS mode passes one hour: Step Functions waits that short
 *  exist for local demos, and a region's officials cannot answer in minutes. A step left out keeps its value. */
export async function putSettings(deps: Deps, regionId: string, change: SettingsChange, minDeadlineSeconds = 1) {
  const errors = (['opdReview', 'bkppAssessment', 'ppkDecision'] as const)
    .filter((step) => change[step] && (durationSeconds(change[step].deadline) ?? 0) < minDeadlineSeconds)
    .map((step) => ({ path: `${step}.deadline`, message: `tenggat minimal ${minDeadlineSeconds / 3600} jam / the deadline must be at least ${minDeadlineSeconds / 3600} hour(s)` }));
  if (errors.length) throw new InputError(errors);
  // Each key sent replaces its stored value; one left out keeps it. Holidays are kept sorted, once each.
  const merged: SettingsChange = change.holidays ? { ...change, holidays: [...new Set(change.holidays)].sort() } : change;
  return deps.directory.mergeSettings(regionId, merged, deps.clock.now().toISOString());
}

export async function getDirectory(deps: Deps, regionId: string): Promise<Directory> {
  const [region, opds, contacts, settings] = await Promise.all([
    deps.regions.get(regionId),
    deps.directory.listOpds(regionId),
    deps.directory.getContacts(regionId),
    deps.directory.getSettings(regionId),
  ]);
  if (!region) throw regionNotFound(regionId);
  return {
    region: { ...region, timeZone: regionTimeZone(region) },
    opds,
    contacts: contacts && {
      ...contacts,
      bawaslu: {
        name: contacts.bawaslu.name,
        email: contacts.bawaslu.email,
        ...(contacts.bawaslu.webhookUrl ? { webhookUrl: contacts.bawaslu.webhookUrl } : {}),
        webhookSecretSet: contacts.bawaslu.webhookSecret !== undefined,
      },
    },
    settings,
  };
}
