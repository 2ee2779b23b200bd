// Task {Opd,Bkpp,Ppk}DeadlinePassed: OPD goes on to BKPP; BKPP and PPK escalate to the Sekda and ask again.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { ses } from '#lib/aws/ses';
import { StepRef, stepHandler } from '#lib/step';
import { decisionDeadline } from '#use-cases/workflow';

const deps = dependencies({ mailer: ses });
void deps.mailer;
export const handler = stepHandler(StepRef.extend({ decisionKey: z.string() }), (input) => decisionDeadline(deps, input));
