// Tasks RecordNoticeFailure and RecordEventNoticeFailure: the timeline says a Bawaslu notice failed, before BawasluNoticeFailed.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { ReportRef, stepHandler } from '#lib/step';
import { NoticeName } from '#domain/notices';
import { recordNoticeFailure } from '#use-cases/notices';

const deps = dependencies({ reports });
const Input = z.extend(ReportRef, { error: z.optional(z.string()), cause: z.optional(z.string()), event: z.optional(NoticeName) });
export const handler = stepHandler(Input, (input) => recordNoticeFailure(deps, input));
