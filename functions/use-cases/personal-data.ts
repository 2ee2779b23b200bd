// Personal data (UU 27/2022): a reporter's identity, sealed at intake (shared/reporter-seal.ts), opened only on the
// record (the timeline and an e-mail to the PPK), and a report's access log.
import type { Dependencies } from '#ports';
import type { AccessEntry, ReporterIdentity } from '#domain/personal-data.schema';
import { ConflictError, TransitionConflict } from '#domain/errors';
import { reportNotFound } from '#domain/not-found';
import { joined, message } from '#domain/messages';
import { regionWords } from '#domain/case-facts';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';


/** An entry appended to the report's timeline whatever its status: from the status it has now (read again when a
 *  step moved it meanwhile, a few times). */
async function appendEntry(deps: Pick<Dependencies, 'reports'>, report: StoredReport, entry: TimelineEntry): Promise<void> {
  let current = report;
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.reports.transition({ report: current, from: current.status, at: entry.at, timeline: [entry] });
      return;
    } catch (error) {
      if (!(error instanceof TransitionConflict) || error.reason !== 'report' || attempt >= 4) throw error;
      const found = await deps.reports.get(report.regionId, report.id);
      if (!found) throw error;
      current = found.report;
    }
  }
}

export interface Unsealed {
  reporter: { kind: StoredReport['reporter']['kind'] } & ReporterIdentity;
  keyId: string;
  unsealedAt: string;
}

/** Opens a report's reporter identity for a reason. The PPK is e-mailed and the timeline records it
 *  (REPORTER_UNSEALED, the key, the reason) before the identity is answered: a failure of either is an error, and
 *  no identity goes out unrecorded. A region without a PPK contact cannot unseal (409): no one would be told. */
export async function unsealReporter(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'seal' | 'regions' | 'directory' | 'mailer' | 'mails'>,
  input: { regionId: string; keyId: string; reportId: string; reason: string },
): Promise<Unsealed> {
  const { regionId, keyId, reportId, reason } = input;
  const found = await deps.reports.get(regionId, reportId);
  if (!found) throw reportNotFound(reportId);
  const { report } = found;
  const [contacts, region] = await Promise.all([deps.directory.getContacts(regionId), deps.regions.get(regionId)]);
  const ppk = contacts?.ppk;
  if (!ppk) {
    throw new ConflictError(joined(message(
      'Identitas pelapor hanya dapat dibuka bila kontak PPK terisi (PUT /v1/directory/contacts): PPK diberi tahu setiap pembukaan',
      'the PPK contact must be set before an identity can be unsealed: the PPK is told of every unseal',
    )));
  }
  // Opened first: a KMS that cannot be reached (503) or a seal that does not open for this report (409) leaves
  // nothing written and no one e-mailed.
  const identity: ReporterIdentity = report.reporterSealed
    ? await deps.seal.unseal({ regionId, reportId }, report.reporterSealed)
    : { ...(report.reporter.name ? { name: report.reporter.name } : {}), ...(report.reporter.contact ? { contact: report.reporter.contact } : {}) };
  const at = deps.clock.now().toISOString();
  await deps.mailer.send(deps.mails.reporterUnsealed({
    words: regionWords(region, regionId), regionId, reportId, receiptCode: report.receiptCode, ppk: { name: ppk.name, email: ppk.email }, keyId, reason, at,
  }));
  await appendEntry(deps, report, { at, actor: 'REGION', action: 'REPORTER_UNSEALED', keyId, note: reason });
  return { reporter: { kind: report.reporter.kind, ...identity }, keyId, unsealedAt: at };
}

/** A report's access log, newest first; 404 for a report the region does not have. */
export async function accessLogOf(
  deps: Pick<Dependencies, 'reports' | 'accessLog'>, regionId: string, reportId: string, page: { limit: number; cursor?: string | undefined },
): Promise<{ items: AccessEntry[]; nextCursor: string | null }> {
  if (!(await deps.reports.get(regionId, reportId))) throw reportNotFound(reportId);
  return deps.accessLog.ofReport(regionId, reportId, page);
}
