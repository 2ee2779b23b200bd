// Task RecordNoticeFailure: the timeline says the Bawaslu notice failed, before BawasluNoticeFailed.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { ReportRef, stepHandler } from '#lib/step';
import { recordNoticeFailure } from '#use-cases/workflow';

const deps = dependencies();
const Input = ReportRef.extend({ error: z.string().optional(), cause: z.string().optional() });
export const handler = stepHandler(Input, (input) => recordNoticeFailure(deps, input));
