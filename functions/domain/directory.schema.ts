// The region's directory: OPDs and their heads, the contacts along the workflow, and the step timings.
import { bilingual } from './messages.ts';
import * as z from 'zod';
import { durationSeconds } from './durations.ts';
import { email, nip, opdId, text, webhookUrl } from './common.schema.ts';
import { Acting } from './acting.ts';
import { Satgas } from './satgas.schema.ts';

const acting = Acting.optional().describe('An acting official (Plt./Plh.) who holds the role from `from` to `until`.');

export const OpdHead = z.strictObject({ name: text(200), nip, email, acting }).meta({ id: 'OpdHead' });

export const PutOpdBody = z
  .strictObject({
    name: text(200),
    head: OpdHead.optional().describe('Without a head e-mail the OPD review is skipped.'),
    headcount: z.number().int().min(0).max(1_000_000).optional().describe('ASN in the OPD, for pledge coverage.'),
  })
  .meta({ id: 'PutOpd' });
export type PutOpdBody = z.infer<typeof PutOpdBody>;
export const OpdParams = z.strictObject({ opdId });

export const Opd = PutOpdBody.extend({
  opdId: z.string(),
  updatedAt: z.string(),
  satgas: Satgas.omit({ opdId: true }).optional().describe('Its Satgas netralitas, once formed (PUT /v1/directory/opds/{opdId}/satgas).'),
}).meta({ id: 'Opd' });
export type Opd = z.infer<typeof Opd>;

const Bawaslu = z
  .strictObject({
    name: text(200),
    email,
    webhookUrl: webhookUrl.optional(),
    webhookSecret: z.string().min(16, bilingual('minimal 16 karakter', 'at least 16 characters')).max(256).optional(),
  })
  .refine((b) => (b.webhookUrl === undefined) === (b.webhookSecret === undefined), {
    path: ['webhookSecret'],
    message: bilingual('webhookUrl dan webhookSecret diisi bersama', 'webhookUrl and webhookSecret go together'),
  });

export const PutContactsBody = z
  .strictObject({
    bkpp: z.strictObject({ name: text(200), email, nip: nip.optional().describe('For the conflict-of-interest rule: a report about the holder goes to the Sekda.'), acting }),
    ppk: z.strictObject({ name: text(200), title: text(200), email, acting }),
    bawaslu: Bawaslu,
    sekda: z.strictObject({ name: text(200), email }).optional(),
    bkn: z.strictObject({ name: text(200), email }).optional().describe('The BKN office that follows up recommendations: copied on their closing notices.'),
  })
  .meta({ id: 'PutContacts' });
export type Contacts = z.infer<typeof PutContactsBody>;

const duration = z
  .string()
  .max(32)
  .refine((v) => { const s = durationSeconds(v); return s !== null && s >= 1 && s <= 180 * 86400; }, {
    message: bilingual('durasi ISO 8601 antara PT1S dan P180D, mis. P3D', 'ISO 8601 duration from PT1S to P180D, e.g. P3D'),
  });

const StepTiming = z
  .strictObject({ remindAfter: duration, deadline: duration })
  .refine((t) => (durationSeconds(t.remindAfter) ?? 0) < (durationSeconds(t.deadline) ?? 0), {
    path: ['remindAfter'],
    message: bilingual('pengingat harus sebelum tenggat', 'the reminder must come before the deadline'),
  });
export type StepTiming = z.infer<typeof StepTiming>;

/** How many times a BKPP or PPK deadline e-mails the Sekda (or the PPK) and asks again before the wait goes on
 *  silently and the report counts as overdue. */
export const DEFAULT_MAX_ESCALATIONS = 3;
const EscalatingStepTiming = z
  .strictObject({
    remindAfter: duration,
    deadline: duration,
    maxEscalations: z.number().int('bilangan bulat / a whole number').min(0, 'antara 0 dan 10 / from 0 to 10').max(10, 'antara 0 dan 10 / from 0 to 10')
      .default(DEFAULT_MAX_ESCALATIONS).describe('Escalations at the deadline before the report counts as overdue (default 3).'),
  })
  .refine((t) => (durationSeconds(t.remindAfter) ?? 0) < (durationSeconds(t.deadline) ?? 0), {
    path: ['remindAfter'],
    message: 'pengingat harus sebelum tenggat / the reminder must come before the deadline',
  });

export const DEFAULT_SETTINGS = {
  opdReview: { remindAfter: 'P3D', deadline: 'P7D' },
  bkppAssessment: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: DEFAULT_MAX_ESCALATIONS },
  ppkDecision: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: DEFAULT_MAX_ESCALATIONS },
} as const satisfies Record<string, StepTiming & { maxEscalations?: number }>;

export const PutSettingsBody = z
  .strictObject({
    opdReview: StepTiming.default(DEFAULT_SETTINGS.opdReview),
    bkppAssessment: EscalatingStepTiming.default(DEFAULT_SETTINGS.bkppAssessment),
    ppkDecision: EscalatingStepTiming.default(DEFAULT_SETTINGS.ppkDecision),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof PutSettingsBody>;

/** What GET /v1/directory shows: the webhook secret is write-only. */
export const Directory = z
  .object({
    region: z.object({ id: z.string(), name: z.string(), agencyName: z.string(), timeZone: z.string().describe('IANA zone; the province\'s unless the region was given one') }),
    opds: z.array(Opd),
    contacts: z
      .object({
        bkpp: z.object({ name: z.string(), email: z.string(), nip: z.string().optional(), acting: Acting.optional() }),
        ppk: z.object({ name: z.string(), title: z.string(), email: z.string(), acting: Acting.optional() }),
        bawaslu: z.object({ name: z.string(), email: z.string(), webhookUrl: z.string().optional(), webhookSecretSet: z.boolean() }),
        sekda: z.object({ name: z.string(), email: z.string() }).optional(),
        bkn: z.object({ name: z.string(), email: z.string() }).optional(),
      })
      .nullable(),
    settings: PutSettingsBody,
  })
  .meta({ id: 'Directory' });
export type Directory = z.infer<typeof Directory>;
