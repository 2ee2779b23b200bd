// Pledge ceremonies, their signatories, and the compliance answer: what regions send and read back.
import { bilingual } from './messages.ts';
import * as z from 'zod/mini';
import { EMPLOYMENT_TYPES } from './codes.ts';
import { ELECTION_IDS } from './elections.ts';
import { evidenceUrls, nip, opdId, text } from './common.schema.ts';
import { CEREMONY_KINDS, PLEDGE_TEXTS } from './pledges.ts';

export const MAX_SIGNATORIES_PER_REQUEST = 1_000;
/** A ceremony's OPDs, its counters and itself must fit one DynamoDB transaction (100 items). */
export const MAX_CEREMONY_OPDS = 95;

const heldAt = /* @__PURE__ */ z.union([
  z.iso.datetime({ offset: true, error: bilingual('waktu ISO 8601 dengan zona, mis. 2024-08-26T08:00:00+07:00', 'ISO 8601 date-time with offset') }),
  z.iso.date(bilingual('tanggal tidak valid (YYYY-MM-DD)', 'invalid date (YYYY-MM-DD)')),
]);

const count = /* @__PURE__ */ z.int().check(z.gte(0), z.lte(1_000_000));

export const CreateCeremonyBody = /* @__PURE__ */ z
  .strictObject({
    kind: z.enum(CEREMONY_KINDS),
    electionId: z.enum(ELECTION_IDS),
    heldAt: z.optional(heldAt).check(z.describe("When the ceremony was held: a date (YYYY-MM-DD, in the region's zone) or a date-time with offset; absent means today in the region's zone.")),
    location: text(300),
    leader: z.strictObject({ name: text(200), title: text(200) }),
    opdIds: z
      ._default(z.array(opdId).check(z.maxLength(MAX_CEREMONY_OPDS)), [])
      .check(
        z.refine((ids) => new Set(ids).size === ids.length, bilingual('opdIds berulang', 'opdIds repeat an OPD')),
        z.describe('OPDs that took part; empty means region-wide. Each must exist in the directory.'),
      ),
    participants: z.strictObject({ asn: count, nonAsn: count }).check(z.describe('Attendance as the organiser counted it.')),
    evidenceUrls,
    pledgeTextId: z
      .optional(z.enum(Object.keys(PLEDGE_TEXTS) as [string, ...string[]]))
      .check(z.describe("The pledged text; defaults to the kind's current text.")),
  })
  .register(z.globalRegistry, { id: 'CreateCeremony' });
export type CreateCeremonyBody = z.infer<typeof CreateCeremonyBody>;

export const CreateCeremonyResult = /* @__PURE__ */ z.object({ id: z.string() }).register(z.globalRegistry, { id: 'CreateCeremonyResult' });

export const PledgeTextView = /* @__PURE__ */ z
  .object({ id: z.string(), version: z.number(), title: z.string(), opening: z.string(), points: z.array(z.string()) })
  .register(z.globalRegistry, { id: 'PledgeText' });

export const StoredCeremony = /* @__PURE__ */ z.object({
  id: z.string(),
  regionId: z.string(),
  kind: z.enum(CEREMONY_KINDS),
  electionId: z.enum(ELECTION_IDS),
  heldAt: z.string(),
  location: z.string(),
  leader: z.object({ name: z.string(), title: z.string() }),
  opdIds: z.array(z.string()),
  participants: z.object({ asn: z.number(), nonAsn: z.number() }),
  evidenceUrls: z.array(z.string()),
  pledgeTextId: z.string(),
  pledgeTextVersion: z.number(),
  personalDataErasedAt: z.optional(z.string()).check(z.describe('When the retention purge deleted its signatures (the counts stay) and its leader\'s name.')),
  createdAt: z.string(),
});
export type StoredCeremony = z.infer<typeof StoredCeremony>;

export const Ceremony = /* @__PURE__ */ z.extend(StoredCeremony, {
  pledgeText: PledgeTextView,
  signatories: z.int().check(z.describe('Signatures recorded for this ceremony (exact).')),
}).register(z.globalRegistry, { id: 'Ceremony' });
export type Ceremony = z.infer<typeof Ceremony>;

export const CeremonyParams = /* @__PURE__ */ z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-Z]{26}$/, bilingual('id upacara tidak valid', 'invalid ceremony id'))),
});

export const ListCeremoniesQuery = /* @__PURE__ */ z.strictObject({
  electionId: z.optional(z.enum(ELECTION_IDS)),
  opdId: z.optional(opdId).check(z.describe("Ceremonies naming this OPD, and the region-wide ones (they include it).")),
});
export type ListCeremoniesQuery = z.infer<typeof ListCeremoniesQuery>;

export const CeremonyList = /* @__PURE__ */ z.object({ items: z.array(Ceremony) }).register(z.globalRegistry, { id: 'CeremonyList' });

/** One signatory row. NON_ASN staff may have no NIP; see signatureKey for how they are told apart. */
export const SignatoryRow = /* @__PURE__ */ z
  .strictObject({
    nip: z.optional(nip),
    name: text(200),
    position: z.optional(text(200)),
    opdId,
    employmentType: z.enum(EMPLOYMENT_TYPES),
  })
  .check(
    z.refine((row) => row.employmentType === 'NON_ASN' || row.nip !== undefined, {
      path: ['nip'],
      message: bilingual('NIP wajib untuk PNS dan PPPK', 'NIP is required for PNS and PPPK'),
    }),
  );
export type SignatoryRow = z.infer<typeof SignatoryRow>;
export const AddSignatoriesBody = /* @__PURE__ */ z
  .strictObject({
    // Rows are checked one by one in the use case, so one bad row does not sink the other 999. The document still
    // shows each row as a SignatoryRow: lib/openapi.ts turns a schema given as `items` into its JSON Schema (here,
    // that would put zod's JSON Schema generator into every function).
    signatories: z
      .array(z.unknown())
      .check(z.minLength(1, bilingual('kirim minimal satu penanda tangan', 'send at least one signatory')))
      .register(z.globalRegistry, { maxItems: MAX_SIGNATORIES_PER_REQUEST, items: SignatoryRow }),
  })
  .register(z.globalRegistry, { id: 'AddSignatories' });

export const RowError = /* @__PURE__ */ z.object({ path: z.string(), message: z.string() });
export const AddSignatoriesResult = /* @__PURE__ */ z
  .object({
    accepted: z.int().check(z.describe('New signatures stored.')),
    duplicates: z.int().check(z.describe('Rows whose employee had already signed for this election (or twice in this body).')),
    rejected: z.array(z.object({ index: z.int(), errors: z.array(RowError) })),
  })
  .register(z.globalRegistry, { id: 'AddSignatoriesResult' });
export type AddSignatoriesResult = z.infer<typeof AddSignatoriesResult>;

export const ComplianceQuery = /* @__PURE__ */ z.strictObject({ electionId: z.enum(ELECTION_IDS) });

const satgasCount = /* @__PURE__ */ z.int();
export const SatgasFigures = /* @__PURE__ */ z
  .object({
    formed: z.boolean().check(z.describe('The OPD has a Satgas netralitas.')),
    members: satgasCount,
    socialisations: satgasCount.check(z.describe('SOSIALISASI activities for this election.')),
    identifications: satgasCount.check(z.describe('IDENTIFIKASI_KERAWANAN activities.')),
    monitoring: satgasCount.check(z.describe('PEMANTAUAN_MEDIA_SOSIAL activities.')),
    openRisks: satgasCount.check(z.describe('Risks still TERBUKA.')),
    highRisks: satgasCount.check(z.describe('Risks still TERBUKA of level TINGGI.')),
  })
  .register(z.globalRegistry, { id: 'SatgasFigures' });

export const OpdCompliance = /* @__PURE__ */ z
  .object({
    opdId: z.string(),
    name: z.string(),
    ceremonies: z.int().check(z.describe('Ikrar ceremonies naming this OPD.')),
    ceremoniesHeld: z.int().check(z.describe('ceremonies plus the region-wide Ikrar ceremonies.')),
    signatories: z.int().check(z.describe("The OPD's employees who signed the ASN pledge for this election.")),
    headcount: z.nullable(z.int()),
    coverage: z.nullable(z.number()).check(z.describe('signatories / headcount (0..1, may pass 1 if the headcount is stale); null without a headcount.')),
    pledged: z.boolean().check(z.describe('At least one Ikrar ceremony (own or region-wide) was held.')),
    satgas: SatgasFigures,
  })
  .register(z.globalRegistry, { id: 'OpdCompliance' });

export const Compliance = /* @__PURE__ */ z
  .object({
    regionId: z.string(),
    electionId: z.enum(ELECTION_IDS),
    regionWideCeremonies: z.int(),
    declarations: z.int().check(z.describe("Regional head's declarations (DEKLARASI_KEPALA_DAERAH) recorded.")),
    totals: z.object({
      opds: z.int(),
      pledged: z.int(),
      notPledged: z.int(),
      signatories: z.int(),
      headcount: z.int().check(z.describe('Sum over OPDs that have a headcount.')),
      coverage: z.nullable(z.number()).check(z.describe('Signatories of OPDs with a headcount / their headcount.')),
      satgasFormed: z.int(),
      satgasNotFormed: z.int(),
      socialisations: z.int(),
      identifications: z.int(),
      monitoring: z.int(),
      openRisks: z.int(),
      highRisks: z.int(),
    }),
    opds: z.array(OpdCompliance),
    notPledged: z.array(z.string()).check(z.describe('opdIds with no Ikrar ceremony for this election.')),
    satgasNotFormed: z.array(z.string()).check(z.describe('opdIds without a Satgas netralitas.')),
  })
  .register(z.globalRegistry, { id: 'Compliance' });
export type Compliance = z.infer<typeof Compliance>;

/** How "one signature per employee per election" is told: by NIP, or for NON_ASN staff without
 *  one by OPD and normalised name (case, spacing, punctuation and accents ignored). */
export function signatureKey(row: Pick<SignatoryRow, 'nip' | 'name' | 'opdId'>): string {
  if (row.nip) return `NIP#${row.nip}`;
  const name = row.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `NAMA#${row.opdId}#${name}`;
}

/** A valid signatory row, with its index in the request and the key that identifies the employee. */
export interface NewSignature {
  index: number;
  employeeKey: string;
  row: SignatoryRow;
}

/** Pledge counters of one region and election, summed over their shards. */
export interface PledgeCounters {
  opds: Record<string, { ceremonies: number; signatories: number }>;
  regionWideCeremonies: number;
  declarations: number;
}
