// Tasks RecordNoticeFailure and RecordEventNoticeFailure: the timeline says a Bawaslu notice failed, before BawasluNoticeFailed.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { failedNotices } from '#composition/stores/failed-notices';
import { ReportRef, stepHandler } from '#lib/step';
import { NoticeName } from '#domain/notices';
import { recordNoticeFailure } from '#use-cases/notices';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, failedNotices } } as const satisfies Needs;
const deps = dependencies(needs);
const Input = z.extend(ReportRef, { error: z.optional(z.string()), cause: z.optional(z.string()), event: z.optional(NoticeName) });
export const handler = stepHandler(Input, (input) => recordNoticeFailure(deps, input));
