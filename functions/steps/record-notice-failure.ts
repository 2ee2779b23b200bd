// Tasks RecordNoticeFailure and RecordEventNoticeFailure: the timeline says a Bawaslu notice failed, before BawasluNoticeFailed.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { ReportRef, stepHandler } from '#lib/step';
import { WEBHOOK_EVENTS } from '#domain/notices';
import { recordNoticeFailure } from '#use-cases/notices';

const deps = dependencies();
const Input = ReportRef.extend({ error: z.string().optional(), cause: z.string().optional(), event: z.enum(WEBHOOK_EVENTS).optional() });
export const handler = stepHandler(Input, (input) => recordNoticeFailure(deps, input));
