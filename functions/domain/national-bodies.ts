// The national bodies (BKN, Bawaslu RI) and the actions they take: what a report carries of them.
import * as z from 'zod/mini';

export const NATIONAL_BODIES = ['BKN', 'BAWASLU_RI'] as const;
export type NationalBody = (typeof NATIONAL_BODIES)[number];

export function isNationalBody(value: unknown): value is NationalBody {
  return typeof value === 'string' && (NATIONAL_BODIES as readonly string[]).includes(value);
}

export const NATIONAL_ACTION_KINDS = ['TEGURAN', 'BLOKIR_DATA', 'BUKA_BLOKIR'] as const;
export type NationalActionKind = (typeof NATIONAL_ACTION_KINDS)[number];

/** What each action is, in the users' words; which body may take it (Perban BKN 1/2023: blocking is BKN's). */
export const NATIONAL_ACTIONS: Record<NationalActionKind, { id: string; en: string; bodies: readonly NationalBody[] }> = {
  TEGURAN: { id: 'Surat teguran kepada PPK', en: 'Warning letter to the PPK', bodies: NATIONAL_BODIES },
  BLOKIR_DATA: { id: 'Pemblokiran data kepegawaian', en: 'Personnel data blocked', bodies: ['BKN'] },
  BUKA_BLOKIR: { id: 'Pembukaan blokir data kepegawaian', en: 'Personnel data unblocked', bodies: ['BKN'] },
};

export const NationalAction = /* @__PURE__ */ z
  .object({
    id: z.string(),
    body: z.enum(NATIONAL_BODIES),
    kind: z.enum(NATIONAL_ACTION_KINDS),
    letterNumber: z.string(),
    note: z.optional(z.string()),
    at: z.string(),
  })
  .register(z.globalRegistry, { id: 'NationalAction' });
export type NationalAction = z.infer<typeof NationalAction>;

