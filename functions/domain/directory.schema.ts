// The region's directory: OPDs and their heads, the contacts along the workflow, and the step timings.
import { bilingual, message, type Message } from './messages.ts';
import * as z from 'zod/mini';
import { calendarDuration, durationSeconds } from './durations.ts';
import { calendarDate, email, nip, opdId, text, webhookUrl } from './common.schema.ts';
import { Acting } from './acting.ts';
import { Satgas } from './satgas.schema.ts';

const acting = /* @__PURE__ */ z.optional(Acting).check(z.describe('An acting official (Plt./Plh.) who holds the role from `from` to `until`.'));

export const OpdHead = /* @__PURE__ */ z.strictObject({ name: text(200), nip, email, acting }).register(z.globalRegistry, { id: 'OpdHead' });

export const PutOpdBody = /* @__PURE__ */ z
  .strictObject({
    name: text(200),
    head: z.optional(OpdHead).check(z.describe('Without a head e-mail the OPD review is skipped.')),
    headcount: z.optional(z.int().check(z.gte(0), z.lte(1_000_000))).check(z.describe('ASN in the OPD, for pledge coverage.')),
  })
  .register(z.globalRegistry, { id: 'PutOpd' });
export type PutOpdBody = z.infer<typeof PutOpdBody>;
export const OpdParams = /* @__PURE__ */ z.strictObject({ opdId });

export const Opd = /* @__PURE__ */ z.extend(PutOpdBody, {
  opdId: z.string(),
  updatedAt: z.string(),
  satgas: z.optional(z.omit(Satgas, { opdId: true })).check(z.describe('Its Satgas netralitas, once formed (PUT /v1/directory/opds/{opdId}/satgas).')),
}).register(z.globalRegistry, { id: 'Opd' });
export type Opd = z.infer<typeof Opd>;

const Bawaslu = /* @__PURE__ */ z
  .strictObject({
    name: text(200),
    email,
    webhookUrl: z.optional(webhookUrl),
    webhookSecret: z.optional(z.string().check(z.minLength(16, bilingual('minimal 16 karakter', 'at least 16 characters')), z.maxLength(256))),
  })
  .check(
    z.refine((b) => (b.webhookUrl === undefined) === (b.webhookSecret === undefined), {
      path: ['webhookSecret'],
      message: bilingual('webhookUrl dan webhookSecret diisi bersama', 'webhookUrl and webhookSecret go together'),
    }),
  );

export const PutContactsBody = /* @__PURE__ */ z
  .strictObject({
    bkpp: z.strictObject({ name: text(200), email, nip: z.optional(nip).check(z.describe('For the conflict-of-interest rule: a report about the holder goes to the Sekda.')), acting }),
    ppk: z.strictObject({ name: text(200), title: text(200), email, acting }),
    bawaslu: Bawaslu,
    sekda: z.optional(z.strictObject({ name: text(200), email })),
    bkn: z.optional(z.strictObject({ name: text(200), email })).check(z.describe('The BKN office that follows up recommendations: copied on their closing notices.')),
  })
  .register(z.globalRegistry, { id: 'PutContacts' });
export type Contacts = z.infer<typeof PutContactsBody>;

const duration = /* @__PURE__ */ z.string().check(
  z.maxLength(32),
  z.refine((v) => { const s = durationSeconds(v); return s !== null && s >= 1 && s <= 180 * 86400; }, {
    message: bilingual('durasi ISO 8601 antara PT1S dan P180D, mis. P3D', 'ISO 8601 duration from PT1S to P180D, e.g. P3D'),
  }),
);

const StepTiming = /* @__PURE__ */ z.strictObject({ remindAfter: duration, deadline: duration }).check(
  z.refine((t) => (durationSeconds(t.remindAfter) ?? 0) < (durationSeconds(t.deadline) ?? 0), {
    path: ['remindAfter'],
    message: bilingual('pengingat harus sebelum tenggat', 'the reminder must come before the deadline'),
  }),
);
export type StepTiming = z.infer<typeof StepTiming>;

/** How many times a BKPP or PPK deadline e-mails the Sekda (or the PPK) and asks again before the wait goes on
 *  silently and the report counts as overdue. */
export const DEFAULT_MAX_ESCALATIONS = 3;
const EscalatingStepTiming = /* @__PURE__ */ z
  .strictObject({
    remindAfter: duration,
    deadline: duration,
    maxEscalations: z
      ._default(
        z.number().check(z.int('bilangan bulat / a whole number'), z.gte(0, 'antara 0 dan 10 / from 0 to 10'), z.lte(10, 'antara 0 dan 10 / from 0 to 10')),
        DEFAULT_MAX_ESCALATIONS,
      )
      .check(z.describe('Escalations at the deadline before the report counts as overdue (default 3).')),
  })
  .check(
    z.refine((t) => (durationSeconds(t.remindAfter) ?? 0) < (durationSeconds(t.deadline) ?? 0), {
      path: ['remindAfter'],
      message: 'pengingat harus sebelum tenggat / the reminder must come before the deadline',
    }),
  );

/** How long personal data is kept (SPEC "Personal data"): a report's from its close or last appeal, a ceremony's
 *  signatures from its date, an access-log entry from the access; calendar durations from P30D to P50Y. */
const retentionPeriod = /* @__PURE__ */ z.string().check(
  z.maxLength(16),
  z.refine((v) => {
    const d = calendarDuration(v);
    return d !== null && d.years * 366 + d.months * 31 + d.days >= 30 && d.years * 12 + d.months <= 600 && d.days <= 20000;
  }, { message: bilingual('durasi ISO 8601 dalam tahun, bulan, hari antara P30D dan P50Y, mis. P5Y', 'ISO 8601 years, months, days from P30D to P50Y, e.g. P5Y') }),
);
export const DEFAULT_RETENTION = { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P2Y' } as const;
const Retention = /* @__PURE__ */ z
  .strictObject({
    reports: z._default(retentionPeriod, DEFAULT_RETENTION.reports).check(z.describe("A closed report's personal data, from its close or last appeal (default P5Y).")),
    signatories: z._default(retentionPeriod, DEFAULT_RETENTION.signatories).check(z.describe("A ceremony's signatures, from its date (default P5Y).")),
    accessLog: z._default(retentionPeriod, DEFAULT_RETENTION.accessLog).check(z.describe('An access-log entry, from the access (default P2Y).')),
  })
  .register(z.globalRegistry, { id: 'Retention' });
export type Retention = z.infer<typeof Retention>;

/** A region's own holidays in settings, at most this many (SPEC "Appeals after a sanction"). */
export const MAX_REGION_HOLIDAYS = 100;

export const DEFAULT_SETTINGS = {
  opdReview: { remindAfter: 'P3D', deadline: 'P7D' },
  bkppAssessment: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: DEFAULT_MAX_ESCALATIONS },
  ppkDecision: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: DEFAULT_MAX_ESCALATIONS },
} as const satisfies Record<string, StepTiming & { maxEscalations?: number }>;

export const PutSettingsBody = /* @__PURE__ */ z
  .strictObject({
    opdReview: z._default(StepTiming, DEFAULT_SETTINGS.opdReview),
    bkppAssessment: z._default(EscalatingStepTiming, DEFAULT_SETTINGS.bkppAssessment),
    ppkDecision: z._default(EscalatingStepTiming, DEFAULT_SETTINGS.ppkDecision),
    holidays: z
      .optional(z.array(calendarDate).check(z.maxLength(MAX_REGION_HOLIDAYS, bilingual(`paling banyak ${MAX_REGION_HOLIDAYS} tanggal`, `at most ${MAX_REGION_HOLIDAYS} dates`))))
      .check(z.describe("The region's own days off (YYYY-MM-DD), skipped by working-day counts besides the national holidays and joint leave; left out, the stored list stays.")),
    retention: z._default(Retention, DEFAULT_RETENTION).check(z.describe('How long personal data is kept before the daily purge erases it (docs/privacy.md).')),
  })
  .register(z.globalRegistry, { id: 'Settings' });
export type Settings = z.infer<typeof PutSettingsBody>;

/** A schema's inner type when it carries a default (`z._default`), else the schema itself. */
function withoutDefault(schema: z.core.$ZodType): z.core.$ZodType {
  return schema instanceof z.ZodMiniDefault ? (schema._zod.def.innerType as z.core.$ZodType) : schema;
}

/** The PUT body: every top-level key of the settings, optional and without its default, so that a key left out
 *  keeps its stored value (SPEC). Derived from the settings' own shape, so a key added there merges the same way. */
export const SettingsChange = /* @__PURE__ */ z
  .strictObject(
    Object.fromEntries(Object.entries(PutSettingsBody.shape).map(([key, schema]) => [key, z.optional(withoutDefault(schema))])),
  )
  .register(z.globalRegistry, { id: 'SettingsChange' }) as unknown as z.ZodMiniType<Partial<Settings>, Partial<z.input<typeof PutSettingsBody>>>;
export type SettingsChange = Partial<Settings>;

/** What GET /v1/directory shows: the webhook secret is write-only. */
export const Directory = /* @__PURE__ */ z
  .object({
    region: z.object({ id: z.string(), name: z.string(), agencyName: z.string(), timeZone: z.string().check(z.describe('IANA zone; the province\'s unless the region was given one')) }),
    opds: z.array(Opd),
    contacts: z.nullable(
      z.object({
        bkpp: z.object({ name: z.string(), email: z.string(), nip: z.optional(z.string()), acting: z.optional(Acting) }),
        ppk: z.object({ name: z.string(), title: z.string(), email: z.string(), acting: z.optional(Acting) }),
        bawaslu: z.object({ name: z.string(), email: z.string(), webhookUrl: z.optional(z.string()), webhookSecretSet: z.boolean() }),
        sekda: z.optional(z.object({ name: z.string(), email: z.string() })),
        bkn: z.optional(z.object({ name: z.string(), email: z.string() })),
      }),
    ),
    settings: PutSettingsBody,
  })
  .register(z.globalRegistry, { id: 'Directory' });
export type Directory = z.infer<typeof Directory>;

/** An opdId the directory does not have: the message names the ones it has, so a caller can see the id it meant. */
export function unknownOpd(known: Iterable<string>): Message {
  const ids = [...known].sort();
  const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')} … (+${ids.length - 20})` : ids.join(', ') || '-';
  return message(`OPD tidak ada di direktori; yang terdaftar: ${shown}`, `not in the directory: ${shown} (add one with PUT /v1/directory/opds/{opdId})`);
}
