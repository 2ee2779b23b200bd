// Recommendations from BKN or Bawaslu: the report's source, and the rules that follow from it (OPD review
// skipped, the PPK's due date, a departure needs reasons, the follow-up counters).
import * as z from 'zod/mini';
import { LEVEL_CODES, LEVELS, SANCTION_CODES, SANCTIONS, sanctionBelongsTo } from './codes.ts';
import { calendarDate, text } from './common.schema.ts';
import type { FieldError } from './errors.ts';
import { endOfLocalDay } from './time-zones.ts';
import { daysCounter } from './follow-up.ts';

export const RECOMMENDATION_KINDS = ['BKN_RECOMMENDATION', 'BAWASLU_RECOMMENDATION'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const SOURCE_LABELS = {
  INTERNAL: { id: 'Temuan internal daerah', en: 'Found inside the region' },
  BKN_RECOMMENDATION: { id: 'Rekomendasi BKN', en: 'BKN recommendation' },
  BAWASLU_RECOMMENDATION: { id: 'Rekomendasi Bawaslu', en: 'Bawaslu recommendation' },
} as const;

const Internal = /* @__PURE__ */ z.strictObject({ kind: z.literal('INTERNAL') });

const Recommendation = /* @__PURE__ */ z
  .strictObject({
    kind: z.enum(RECOMMENDATION_KINDS),
    number: text(100).check(z.describe('The recommendation\'s letter number (nomor surat).')),
    issuedAt: calendarDate,
    dueAt: z.optional(calendarDate).check(z.describe('The PPK must follow it up by the end of this day, in the region\'s zone.')),
    recommendedLevel: z.optional(z.enum(LEVEL_CODES)),
    recommendedSanction: z.optional(z.enum(SANCTION_CODES)).check(z.describe('Must belong to recommendedLevel.')),
  })
  .check(z.superRefine((source, ctx) => {
    if (source.dueAt !== undefined && source.dueAt < source.issuedAt) {
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'tenggat tidak boleh sebelum tanggal terbit / dueAt may not be before issuedAt' });
    }
    if (source.recommendedSanction !== undefined) {
      if (source.recommendedLevel === undefined) {
        ctx.addIssue({ code: 'custom', path: ['recommendedLevel'], message: 'tingkat wajib diisi bersama sanksi / recommendedLevel is required with recommendedSanction' });
      } else if (!sanctionBelongsTo(source.recommendedSanction, source.recommendedLevel)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recommendedSanction'],
          message: `${SANCTIONS[source.recommendedSanction].id} bukan sanksi tingkat ${source.recommendedLevel} / this sanction does not belong to level ${source.recommendedLevel}`,
        });
      }
    }
  }));
export type Recommendation = z.infer<typeof Recommendation>;

export const Source = /* @__PURE__ */ z
  .discriminatedUnion('kind', [Internal, Recommendation])
  .register(z.globalRegistry, { id: 'Source', description: 'INTERNAL (found inside the region) or a recommendation from BKN or Bawaslu.' });
export type Source = z.infer<typeof Source>;

export const INTERNAL_SOURCE: Source = { kind: 'INTERNAL' };

/** A report's source; reports stored before sources existed are INTERNAL. */
export function sourceOf(report: { source?: Source | undefined }): Source {
  return report.source ?? INTERNAL_SOURCE;
}

export function recommendationOf(report: { source?: Source | undefined }): Recommendation | null {
  const source = sourceOf(report);
  return source.kind === 'INTERNAL' ? null : source;
}

/** Why a recommendation skips the OPD review: BKN or Bawaslu already examined the case. */
export function recommendationSkipReason(recommendation: Recommendation): string {
  const who = recommendation.kind === 'BKN_RECOMMENDATION' ? 'BKN' : 'Bawaslu';
  return `Telaah OPD dilewati: laporan ini ${SOURCE_LABELS[recommendation.kind].id.toLowerCase()} nomor ${recommendation.number} (${recommendation.issuedAt}) yang sudah diperiksa oleh ${who} / OPD review skipped: a ${who} recommendation, already examined by ${who}`;
}

/** The instant the recommendation's follow-up is due (the end of dueAt in the region's zone), if it names one. */
export function dueInstant(recommendation: Recommendation, timeZone: string): Date | null {
  return recommendation.dueAt ? endOfLocalDay(recommendation.dueAt, timeZone) : null;
}

/** One line naming the recommendation, for pages, e-mails and the case file. */
export function recommendationLine(recommendation: Recommendation): string {
  const parts = [`${SOURCE_LABELS[recommendation.kind].id} / ${SOURCE_LABELS[recommendation.kind].en} nomor/no. ${recommendation.number}`, `terbit/issued ${recommendation.issuedAt}`];
  if (recommendation.dueAt) parts.push(`tenggat tindak lanjut/due ${recommendation.dueAt}`);
  if (recommendation.recommendedLevel) parts.push(`tingkat/level ${LEVELS[recommendation.recommendedLevel].id}`);
  if (recommendation.recommendedSanction) parts.push(`sanksi/sanction ${SANCTIONS[recommendation.recommendedSanction].id}`);
  return parts.join('; ');
}

/** A RECOMMEND or IMPOSE whose level or sanction is not the recommended one needs notes saying why. */
export function departureError(
  recommendation: Recommendation | null,
  decision: { outcome: string; level?: string | undefined; sanction?: string | undefined; notes?: string | undefined },
): FieldError | null {
  if (!recommendation || decision.notes || (decision.outcome !== 'RECOMMEND' && decision.outcome !== 'IMPOSE')) return null;
  const levelDiffers = recommendation.recommendedLevel !== undefined && decision.level !== undefined && decision.level !== recommendation.recommendedLevel;
  const sanctionDiffers = recommendation.recommendedSanction !== undefined && decision.sanction !== recommendation.recommendedSanction;
  if (!levelDiffers && !sanctionDiffers) return null;
  return {
    path: 'notes',
    message: 'keputusan berbeda dari rekomendasi: tuliskan alasannya / the decision departs from the recommendation: say why in the notes',
  };
}

/** The follow-up counters of a recommendation that closes at `closedAt` (see README, "Follow-up figures"):
 *  closed, on time or not, and no longer overdue when it was (`overdueAt`, set by the overdue transition). */
export function followUpClosingCounters(
  report: { source?: Source | undefined; followUpDueAt?: string | undefined; overdueAt?: string | undefined; createdAt?: string | undefined },
  closedAt: string,
): Record<string, number> {
  if (!recommendationOf(report)) return {};
  // Without a due time (closed before the PPK was asked), on time unless it had become overdue.
  const onTime = report.followUpDueAt !== undefined ? closedAt <= report.followUpDueAt : !report.overdueAt;
  // Whole days from receipt to close, one histogram bucket each: the national follow-up's median comes from them.
  const days = report.createdAt ? Math.floor((Date.parse(closedAt) - Date.parse(report.createdAt)) / 86_400_000) : undefined;
  return {
    followUp_closed: 1,
    ...(onTime ? { followUp_closedOnTime: 1 } : {}),
    ...(report.overdueAt ? { followUp_overdue: -1 } : {}),
    ...(days !== undefined && days >= 0 ? { [`followUp_${daysCounter(days)}`]: 1 } : {}),
  };
}
