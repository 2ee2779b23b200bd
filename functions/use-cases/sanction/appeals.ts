// After the sanction, as the region records it: the decree's delivery, objections and appeals filed for the
// employee, and the outcome BPASN decided on an appeal (the PPK decides an objection by its link: decisions.ts).
import type { Dependencies } from '#ports';
import {
  APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS, APPEAL_WINDOW_WORKING_DAYS, BANDING_DECIDE_WORKING_DAYS, EFFECTIVE_AFTER_DAYS,
  KEBERATAN_DECIDE_WORKING_DAYS, openAppeal, outcomeErrors, outcomeLine, routeError,
  type Appeal, type AppealDecisionBody, type AppealOutcome, type DecreeDeliveryBody, type FileAppealBody, type SanctionRecord,
} from '#domain/appeals';
import { ConflictError, InputError, NotFoundError, RuleError } from '#domain/errors';
import { ulid } from '#domain/ids';
import { fieldError, joined, message } from '#domain/messages';
import type { StoredReport } from '#domain/report.schema';
import { formatLocal, instantOf, localDate } from '#domain/time-zones';
import { plusDays, weekendsOnlyNote, workingDeadline } from '#domain/working-days';
import { applyChange, appealState, entry, notInFuture, outcomeChange, sanctionOf, withoutEffect, type Deps } from './shared/appeal-changes.ts';

/** Records when the employee received the decree: `appealBy` (14 working days) and `effectiveAt` (the 15th day). */
export async function recordDecreeDelivery(deps: Deps, regionId: string, id: string, body: DecreeDeliveryBody): Promise<SanctionRecord> {
  return applyChange(deps, regionId, id, ({ report, zone, holidays, words }, now) => {
    const { sanction, decidedAt: decided } = sanctionOf({ report, words });
    if (sanction.deliveredAt !== undefined) {
      throw new ConflictError(joined(message(`Penyerahan SK sudah dicatat (${formatLocal(sanction.deliveredAt, zone)})`, 'The decree\'s delivery is already recorded')));
    }
    notInFuture('deliveredAt', body.deliveredAt, now);
    if (new Date(body.deliveredAt).getTime() < new Date(decided).getTime()) {
      throw new InputError([fieldError('deliveredAt', message(`sebelum keputusan PPK (${formatLocal(decided, zone)})`, 'before the PPK\'s decision'))]);
    }
    const deliveredAt = new Date(body.deliveredAt).toISOString();
    const window = workingDeadline(deliveredAt, APPEAL_WINDOW_WORKING_DAYS, zone, holidays);
    const effectiveAt = instantOf(plusDays(localDate(new Date(deliveredAt), zone), EFFECTIVE_AFTER_DAYS), '00:00', zone).toISOString();
    const note = weekendsOnlyNote(window.weekendsOnly);
    // An appeal filed in time before delivery was recorded decides when the sanction takes effect, not the 15th day.
    const appealed = openAppeal(report.appeals) !== undefined;
    const next: SanctionRecord = { ...sanction, deliveredAt, appealBy: window.at, ...(appealed ? {} : { effectiveAt }), ...(note ? { calendarNote: note } : {}) };
    const at = now.toISOString();
    return {
      answer: next,
      transition: {
        from: 'SANCTIONED', appeal: { ...appealState(report), sanction: next },
        timeline: [entry(at, 'DECREE_DELIVERED', 'SANCTIONED',
          `SK ${sanction.decreeNumber} diterima pegawai ${formatLocal(deliveredAt, zone)}; keberatan/banding paling lambat ${formatLocal(window.at, zone)} (14 hari kerja); berlaku ${formatLocal(effectiveAt, zone)} kecuali diajukan upaya administratif${note ? `. ${note}` : ''}`,
          `decree ${sanction.decreeNumber} received ${formatLocal(deliveredAt, zone)}; appeal by ${formatLocal(window.at, zone)}; effective ${formatLocal(effectiveAt, zone)} unless appealed`)],
      },
    };
  });
}

/** Files an objection or appeal for the employee: the route must fit the sanction (422), one open at a time (409);
 *  filed after the window it is recorded NOT_ADMISSIBLE and nothing else changes. */
export async function fileAppeal(
  deps: Deps & Pick<Dependencies, 'workflow' | 'log'>, regionId: string, id: string, body: FileAppealBody,
): Promise<{ appealId: string; status: Appeal['status']; decideBy?: string }> {
  const appealId = ulid(deps.clock.now().getTime());
  const answer = await recordFiling(deps, regionId, id, appealId, body);
  if (answer.status === 'OPEN' && body.kind === 'KEBERATAN') {
    // The objection goes to the PPK in an execution of its own (step APPEAL, ADR 0303). Filed is filed: when the
    // start fails now, the reconciler starts it (it finds the open objection without a running execution).
    try {
      await deps.workflow.start({ regionId, reportId: id, appealId });
    } catch (error) {
      deps.log.warn('objection filed; its workflow is started by the reconciler', { reportId: id, error: error as Error });
    }
  }
  return answer;
}

function recordFiling(deps: Deps, regionId: string, id: string, appealId: string, body: FileAppealBody) {
  return applyChange(deps, regionId, id, ({ report, zone, holidays, words }, now) => {
    const { sanction, decidedAt: decided } = sanctionOf({ report, words });
    const refused = routeError(body.kind, sanction.sanction);
    if (refused) throw new RuleError([refused]);
    if (openAppeal(report.appeals)) throw new ConflictError(joined(message('Masih ada keberatan/banding yang belum diputus untuk laporan ini', 'An appeal of this report is still open')));
    notInFuture('filedAt', body.filedAt, now);
    if (new Date(body.filedAt).getTime() < new Date(decided).getTime()) {
      throw new InputError([fieldError('filedAt', message('sebelum keputusan PPK', 'before the PPK\'s decision'))]);
    }
    const filedAt = new Date(body.filedAt).toISOString();
    // Before delivery is recorded the window counts from the decision's date.
    const window = sanction.appealBy
      ? { at: sanction.appealBy, weekendsOnly: [] as number[] }
      : workingDeadline(decided, APPEAL_WINDOW_WORKING_DAYS, zone, holidays);
    const admissible = filedAt <= window.at;
    const decide = admissible
      ? workingDeadline(filedAt, body.kind === 'KEBERATAN' ? KEBERATAN_DECIDE_WORKING_DAYS : BANDING_DECIDE_WORKING_DAYS, zone, holidays)
      : null;
    const note = weekendsOnlyNote([...new Set([...window.weekendsOnly, ...(decide?.weekendsOnly ?? [])])].sort());
    const at = now.toISOString();
    const appeal: Appeal = {
      id: appealId, kind: body.kind, status: admissible ? 'OPEN' : 'NOT_ADMISSIBLE', filedAt, grounds: body.grounds, documentUrls: body.documentUrls,
      appealBy: window.at, ...(decide ? { decideBy: decide.at } : {}), ...(note ? { calendarNote: note } : {}), recordedAt: at,
    };
    const label = APPEAL_KIND_LABELS[body.kind];
    const text = admissible
      ? message(`${label.id} diajukan ${formatLocal(filedAt, zone)}; diputus paling lambat ${formatLocal(decide!.at, zone)}`, `${label.en} filed ${formatLocal(filedAt, zone)}; to be decided by ${formatLocal(decide!.at, zone)}`)
      : message(`${label.id} diajukan ${formatLocal(filedAt, zone)}, lewat batas ${formatLocal(window.at, zone)}: tidak dapat diterima (PP 79/2021)`, `${label.en} filed ${formatLocal(filedAt, zone)}, after ${formatLocal(window.at, zone)}: not admissible`);
    return {
      answer: { appealId, status: appeal.status, ...(appeal.decideBy ? { decideBy: appeal.decideBy } : {}) },
      transition: {
        from: 'SANCTIONED',
        // Filed in time, the appeal's outcome decides when (and whether) the sanction takes effect (PP 94/2021 Art. 38).
        appeal: { ...appealState(report), sanction: admissible ? withoutEffect(sanction) : sanction, appeals: [...(report.appeals ?? []), appeal] },
        appealEvent: { kind: 'filed', admissible },
        timeline: [entry(at, 'APPEAL_FILED', 'SANCTIONED', `${text.id}${note ? `. ${note}` : ''}`, text.en)],
      },
    };
  });
}

type DecisionAnswer = { appealId: string; status: 'DECIDED'; reportStatus: StoredReport['status']; sanction: SanctionRecord | null };

/** Thrown out of applyChange when the decision is recorded already: nothing to write, the answer as it stands. */
class AlreadyRecorded extends Error {
  readonly answer: DecisionAnswer;
  constructor(answer: DecisionAnswer) {
    super('already recorded');
    this.answer = answer;
  }
}

const sameDecision = (recorded: NonNullable<Appeal['decision']>, body: AppealDecisionBody) =>
  recorded.outcome === body.outcome && recorded.decisionNumber === body.decisionNumber
  && recorded.decidedAt === new Date(body.decidedAt).toISOString() && recorded.sanction === body.sanction;

/** BPASN's decision on a BANDING, as the region records it (an objection, KEBERATAN, is decided by the PPK's link);
 *  then Bawaslu (and BKN for its recommendations) get report.appeal_decided by e-mail and webhook, once, through
 *  the report's notice execution (retried, recorded and alarmed like every notice). */
export async function recordAppealDecision(deps: Deps & Pick<Dependencies, 'workflow'>, regionId: string, id: string, appealId: string, body: AppealDecisionBody): Promise<DecisionAnswer> {
  let answer: DecisionAnswer;
  try {
    answer = await decideAppeal(deps, regionId, id, appealId, body);
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
    answer = error.answer;
  }
  await deps.workflow.startNotice({ regionId, reportId: id, event: 'report.appeal_decided' });
  return answer;
}

async function decideAppeal(deps: Deps, regionId: string, id: string, appealId: string, body: AppealDecisionBody): Promise<DecisionAnswer> {
  return applyChange(deps, regionId, id, ({ report, zone, words }, now) => {
    const appeal = report.appeals?.find((a) => a.id === appealId);
    if (!appeal) throw new NotFoundError(joined(message(`Keberatan/banding ${appealId} tidak ditemukan pada laporan ini`, 'appeal not found on this report')));
    if (appeal.kind !== 'BANDING') {
      throw new ConflictError(joined(message('Keberatan diputus oleh PPK melalui tautan keputusannya, bukan dicatat di sini', 'An objection is decided by the PPK through its decision link, not recorded here')));
    }
    if (appeal.status === 'DECIDED' && sameDecision(appeal.decision!, body)) {
      // A retry of a recording that landed (its answer lost, or its notice not started): the same answer, nothing
      // written again, and the caller starts the notice again (a no-op when it runs already).
      throw new AlreadyRecorded({ appealId, status: 'DECIDED', reportStatus: report.status, sanction: report.sanction ?? null });
    }
    if (appeal.status !== 'OPEN') throw new ConflictError(joined(message(`Status banding ini: ${APPEAL_STATUS_LABELS[appeal.status].id}`, `This appeal's status: ${APPEAL_STATUS_LABELS[appeal.status].en}`)));
    const { sanction } = sanctionOf({ report, words });
    notInFuture('decidedAt', body.decidedAt, now);
    if (new Date(body.decidedAt).getTime() < new Date(appeal.filedAt).getTime()) {
      throw new InputError([fieldError('decidedAt', message('sebelum banding diajukan', 'before the appeal was filed'))]);
    }
    const errors = outcomeErrors(body.outcome, sanction.sanction, body.sanction);
    if (errors.length) throw new InputError(errors);
    const decision = {
      outcome: body.outcome as AppealOutcome, ...(body.sanction ? { sanction: body.sanction } : {}), decisionNumber: body.decisionNumber,
      decidedAt: new Date(body.decidedAt).toISOString(), by: { name: 'BPASN', role: 'BPASN' },
    };
    const change = outcomeChange(report, appeal, decision);
    const at = now.toISOString();
    const line = outcomeLine(appeal, decision, zone);
    return {
      answer: { appealId, status: 'DECIDED' as const, reportStatus: change.to, sanction: change.appeal.sanction },
      transition: {
        from: 'SANCTIONED', to: change.to, appeal: change.appeal, appealEvent: change.event,
        timeline: [{ ...entry(at, 'APPEAL_DECIDED', change.to, line.id, line.en), actor: 'BPASN' }],
      },
    };
  });
}
