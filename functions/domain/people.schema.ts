// A person's record (GET /v1/people/{nip}): what a region holds about one NIP, as JSON and as a printable page.
import * as z from 'zod/mini';
import { nip } from './common.schema.ts';
import { CEREMONY_KINDS } from './pledges.ts';
import { ELECTION_IDS } from './elections.ts';
import { EMPLOYMENT_TYPES } from './codes.ts';
import { Report } from './report.schema.ts';
import { SATGAS_ROLES } from './satgas.schema.ts';
import { AccessEntry } from './personal-data.schema.ts';
import type { RegionWords } from './case-facts.ts';

/** A person's record lists at most this many reports, signatures' worth of elections and access-log entries; a
 *  record past it says so (`truncated`). A region's employee has a handful. */
export const PERSON_RECORD_MAX = 100;

export const PersonParams = /* @__PURE__ */ z.strictObject({ nip });

/** A decision about the person: what was decided and when, by which office; never the approver's name (another
 *  person's data). */
const PersonDecision = /* @__PURE__ */ z.object({
  step: z.enum(['OPD_REVIEW', 'BKPP_ASSESSMENT', 'PPK_DECISION']),
  outcome: z.enum(['FORWARD', 'RECOMMEND', 'IMPOSE', 'DISMISS']),
  level: z.optional(z.string()),
  sanction: z.optional(z.string()),
  decreeNumber: z.optional(z.string()),
  notes: z.optional(z.string()),
  at: z.string(),
});
export type PersonDecision = z.infer<typeof PersonDecision>;

export const PersonReport = /* @__PURE__ */ z
  .extend(z.pick(Report, {
    id: true, receiptCode: true, electionId: true, incidentDate: true, stage: true, category: true, actCode: true,
    description: true, location: true, evidenceUrls: true, employee: true, status: true, sanction: true, createdAt: true, updatedAt: true,
  }), { decisions: z.array(PersonDecision) })
  .register(z.globalRegistry, { id: 'PersonReport', description: 'A report about the person: never its reporter, never an approver\'s name.' });
export type PersonReport = z.infer<typeof PersonReport>;

export const PersonSignature = /* @__PURE__ */ z
  .object({
    electionId: z.enum(ELECTION_IDS),
    kind: z.enum(CEREMONY_KINDS),
    ceremonyId: z.string(),
    name: z.string(),
    position: z.optional(z.string()),
    opdId: z.string(),
    employmentType: z.enum(EMPLOYMENT_TYPES),
    signedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'PersonSignature' });
export type PersonSignature = z.infer<typeof PersonSignature>;

export const PersonSatgasMembership = /* @__PURE__ */ z
  .object({
    opdId: z.string(),
    role: z.enum(SATGAS_ROLES),
    name: z.string(),
    email: z.optional(z.string()),
    decree: z.object({ number: z.string(), date: z.string() }),
  })
  .register(z.globalRegistry, { id: 'PersonSatgasMembership' });
export type PersonSatgasMembership = z.infer<typeof PersonSatgasMembership>;

export const PersonRecord = /* @__PURE__ */ z
  .object({
    nip: z.string(),
    regionId: z.string(),
    reports: z.array(PersonReport).check(z.describe('Reports naming this NIP as their employee, newest first.')),
    signatures: z.array(PersonSignature).check(z.describe('Pledge signatures under this NIP, one per election and text.')),
    satgas: z.array(PersonSatgasMembership).check(z.describe('Satgas netralitas the person is a member of.')),
    accessLog: z.array(AccessEntry).check(z.describe('Reads of this record and of the reports about the person, newest first.')),
    truncated: z.boolean().check(z.describe(`A list reached ${PERSON_RECORD_MAX} and was cut short.`)),
    generatedAt: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'PersonRecord',
    description: 'What the region holds about one NIP (UU 27/2022 Art. 32): the reports about them (never the reporter), their signatures, their Satgas memberships and the access log about them. With Accept: text/html, the same as a printable page.',
  });
export type PersonRecord = z.infer<typeof PersonRecord>;

/** The record with what its printable page needs: the region's words (agency, zone) and its OPDs' names. */
export interface PersonRecordPage {
  record: PersonRecord;
  words: RegionWords;
  opdNames: ReadonlyMap<string, string>;
}
