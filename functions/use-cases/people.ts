// A person's record (UU 27/2022 Art. 32: access to one's own data): what the region holds about one NIP, built
// from allow-lists, so the reporter and the approvers (other people) never come into it.
import type { Dependencies } from '#ports';
import type { AccessEntry } from '#domain/personal-data.schema';
import type { Opd } from '#domain/directory.schema';
import type { StoredReport } from '#domain/report.schema';
import { PERSON_RECORD_MAX, type PersonRecord, type PersonRecordPage, type PersonReport, type PersonSatgasMembership } from '#domain/people.schema';
import { regionWords } from '#domain/case-facts';
import { NotFoundError } from '#domain/errors';
import { joined, message } from '#domain/messages';

type Deps = Pick<Dependencies, 'clock' | 'reportQueries' | 'ceremonies' | 'directory' | 'accessLog'>;

/** A report as the person's record shows it: its own fields, its decisions without the approvers' names. */
export function personReport(report: StoredReport): PersonReport {
  return {
    id: report.id, receiptCode: report.receiptCode, electionId: report.electionId, incidentDate: report.incidentDate,
    stage: report.stage, category: report.category, ...(report.actCode ? { actCode: report.actCode } : {}),
    description: report.description, location: report.location, evidenceUrls: report.evidenceUrls, employee: report.employee,
    status: report.status, ...(report.sanction ? { sanction: report.sanction } : {}),
    decisions: report.decisions.map((d) => ({
      step: d.step, outcome: d.outcome, at: d.at,
      ...(d.level ? { level: d.level } : {}), ...(d.sanction ? { sanction: d.sanction } : {}),
      ...(d.decreeNumber ? { decreeNumber: d.decreeNumber } : {}), ...(d.notes ? { notes: d.notes } : {}),
    })),
    createdAt: report.createdAt, updatedAt: report.updatedAt,
  };
}

function memberships(opds: Opd[], nip: string): PersonSatgasMembership[] {
  return opds.flatMap((opd) =>
    (opd.satgas?.members ?? [])
      .filter((member) => member.nip === nip)
      .map((member) => ({
        opdId: opd.opdId, role: member.role, name: member.name, ...(member.email ? { email: member.email } : {}),
        decree: { number: opd.satgas!.decree.number, date: opd.satgas!.decree.date },
      })),
  );
}

const newestFirst = (a: AccessEntry, b: AccessEntry) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

async function recordOf(deps: Deps, regionId: string, nip: string, opds: Opd[]): Promise<PersonRecord> {
  const page = { limit: PERSON_RECORD_MAX };
  const [{ reports, truncated: moreReports }, signatures, own] = await Promise.all([
    deps.reportQueries.ofPerson(regionId, nip, PERSON_RECORD_MAX),
    deps.ceremonies.signaturesOf(regionId, nip),
    deps.accessLog.ofPerson(regionId, nip, page),
  ]);
  // The reads about the person: of their record, and of each report about them (each its own partition).
  const ofReports = await Promise.all(reports.map((report) => deps.accessLog.ofReport(regionId, report.id, page)));
  const satgas = memberships(opds, nip);
  if (!reports.length && !signatures.length && !satgas.length) {
    throw new NotFoundError(joined(message(`Wilayah ini tidak menyimpan data tentang NIP ${nip}`, 'the region holds nothing about this NIP')));
  }
  const entries = [...own.items, ...ofReports.flatMap((p) => p.items)].sort(newestFirst);
  const moreEntries = own.nextCursor !== null || ofReports.some((p) => p.nextCursor !== null) || entries.length > PERSON_RECORD_MAX;
  return {
    nip, regionId,
    reports: reports.map(personReport),
    signatures,
    satgas,
    accessLog: entries.slice(0, PERSON_RECORD_MAX),
    truncated: moreReports || moreEntries,
    generatedAt: deps.clock.now().toISOString(),
  };
}

/** What the region holds about the NIP; 404 when it holds nothing (no report, signature or Satgas seat), which is
 *  also what another region's key gets. */
export async function personRecord(deps: Deps, regionId: string, nip: string): Promise<PersonRecord> {
  return recordOf(deps, regionId, nip, await deps.directory.listOpds(regionId));
}

/** The record with what its printable page needs: the region's words (agency, zone) and its OPDs' names. */
export async function personRecordPage(deps: Deps & Pick<Dependencies, 'regions'>, regionId: string, nip: string): Promise<PersonRecordPage> {
  const [region, opds] = await Promise.all([deps.regions.get(regionId), deps.directory.listOpds(regionId)]);
  return {
    record: await recordOf(deps, regionId, nip, opds),
    words: regionWords(region, regionId),
    opdNames: new Map(opds.map((opd) => [opd.opdId, opd.name])),
  };
}
