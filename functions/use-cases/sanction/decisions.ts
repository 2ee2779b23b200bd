// Decision links: what an approver sees when opening one (nothing changes) and what submitting its form does
// (the decision is recorded once, the report moves on, and the waiting workflow resumes).
import type { Dependencies } from '#ports';
import type { DecisionRecord, OpenDecision } from '#domain/decision-record';
import { DecisionLinkError, InputError, TransitionConflict } from '#domain/errors';
import { departureError, recommendationOf } from '#domain/recommendation';
import { decisionKey, verifyLink } from '#domain/decision-links';
import { SANCTIONS } from '#domain/codes';
import type { Decision, LinkDecision, TimelineEntry } from '#domain/report.schema';
import { checkAgainstGuidance, isClosed, parseDecisionForm, statusAfter, STEPS, type DecisionForm } from '#domain/workflow';
import { decisionLine, decisionView } from '#domain/case-facts';
import { answerOf, currentRecord, factsOf, wordsOf } from './shared/step-support.ts';
import { ROLE_LABELS } from '#domain/approvers';
import { decideObjection, ObjectionClosed } from './shared/appeal-changes.ts';

/** The old link's answer after an approver change: the role it went to, never the person. */
async function handedOver(deps: Pick<Dependencies, 'decisions'>, record: DecisionRecord): Promise<DecisionLinkError> {
  const now = await currentRecord(deps, record.key);
  const role = ROLE_LABELS[now && now.key !== record.key ? now.approver.role : record.approver.role];
  return new DecisionLinkError(410, { reason: 'handed-on', role });
}

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'links' | 'workflow'>;

export interface DecisionLink {
  decisionId: string;
  exp?: string | undefined;
  sig?: string | undefined;
}

/** Checks a link and answers the case it opens; throws DecisionLinkError (with why) when it cannot be used. */
export async function openDecision(deps: Deps, link: DecisionLink): Promise<OpenDecision> {
  const secret = await deps.links.secret();
  if (!verifyLink(secret, link.decisionId, link.exp, link.sig)) throw new DecisionLinkError(403, { reason: 'invalid' });
  const record = await deps.decisions.get(decisionKey(link.decisionId));
  if (!record) throw new DecisionLinkError(404, { reason: 'unknown' });
  if (String(Math.floor(new Date(record.expiresAt).getTime() / 1000)) !== link.exp) throw new DecisionLinkError(403, { reason: 'invalid' });
  const found = await deps.reports.get(record.regionId, record.reportId);
  if (!found) throw new DecisionLinkError(404, { reason: 'unknown' });
  if (record.status === 'HANDED_OVER') throw await handedOver(deps, record);
  if (record.status === 'USED') {
    // The link's record keeps the decision it recorded.
    const decision = record.decision;
    const closed = isClosed(found.report.status);
    if (!decision) throw new DecisionLinkError(409, { reason: 'used', closed });
    const view = decisionView(decision, await wordsOf(deps, record.regionId));
    const details = view.details.filter((d) => d.label.en !== 'Notes');
    const what = {
      id: [view.title.id, ...details.map((d) => `${d.label.id}: ${d.value}`)].join('; '),
      en: [view.title.en, ...details.map((d) => `${d.label.en}: ${d.en ?? d.value}`)].join('; '),
    };
    throw new DecisionLinkError(409, { reason: 'used', decided: { what, by: view.by, at: view.at }, closed });
  }
  // An objection's link (step APPEAL) waits while the report stays SANCTIONED; it moved on once its objection is
  // no longer open.
  const objectionClosed = record.step === 'APPEAL' && found.report.appeals?.find((a) => a.id === record.appealId)?.status !== 'OPEN';
  const movedOn = found.report.status !== STEPS[record.step].status || objectionClosed;
  const expired = record.status === 'EXPIRED' || deps.clock.now().getTime() >= new Date(record.expiresAt).getTime();
  if (movedOn) {
    const words = await wordsOf(deps, record.regionId);
    // After the OPD deadline the report went on by itself: the head's link says so, not just "expired".
    const via = expired && found.timeline.some((entry) => entry.action === 'OPD_REVIEW_TIMED_OUT') && record.step === 'OPD_REVIEW' ? 'deadline' : 'other';
    throw new DecisionLinkError(expired ? 410 : 409, { reason: 'moved-on', status: found.report.status, agency: words.agency, agencyFull: words.agencyFull, via });
  }
  if (expired) throw new DecisionLinkError(410, { reason: 'expired' });
  // One live link per step: only the report's current link decides.
  if (found.report.pendingDecision && found.report.pendingDecision !== record.key) throw new DecisionLinkError(410, { reason: 'replaced' });
  return { record, report: found.report, facts: await factsOf(deps, found.report) };
}

const ACTIONS: Partial<Record<Decision['outcome'], string>> = { FORWARD: 'FORWARDED', RECOMMEND: 'RECOMMENDED', IMPOSE: 'SANCTIONED', DISMISS: 'DISMISSED' };

/** Validates the form, records the decision once (the link is consumed in the same transaction that moves
 *  the report), and resumes the workflow. InputError (with the open case) when a field is wrong. */
export async function submitDecision(deps: Deps, link: DecisionLink, form: DecisionForm): Promise<OpenDecision & { decision: LinkDecision }> {
  const opened = await openDecision(deps, link);
  const { record, report } = opened;
  if (record.step === 'APPEAL') return submitObjection(deps, link, opened, form);
  const input = checkAgainstGuidance(report, parseDecisionForm(record.step, form, report));
  const departure = departureError(recommendationOf(report), input);
  if (departure) throw new InputError([departure]);
  const now = deps.clock.now();
  const at = now.toISOString();
  const decision: Decision = { ...input, by: { name: record.approver.name, role: record.approver.role }, at };
  const to = statusAfter(record.step, decision.outcome);
  const entry: TimelineEntry = { at, actor: record.approver.role, by: record.approver.name, action: ACTIONS[decision.outcome]!, status: to, note: decisionLine(decision, opened.facts.words) };
  const record_ = { key: record.key, to: 'USED' as const, decision };
  let current = report;
  for (let attempt = 1; ; attempt++) {
    try {
      // Its counters (outcome, level, overdue, follow-up) and overdue guard follow from the decision and the report as
      // read (domain/counters.ts).
      await deps.reports.transition({
        report: current, from: STEPS[record.step].status, to, at, timeline: [entry], decision,
        ...(to === 'SANCTIONED' ? { sanction: { level: SANCTIONS[decision.sanction!].level, sanction: decision.sanction!, decreeNumber: decision.decreeNumber! } } : {}),
        record: record_,
      });
      break;
    } catch (error) {
      if (!(error instanceof TransitionConflict)) throw error;
      if (error.reason === 'report') {
        // Marked overdue between the read and this write: still this step's, so decide again with that known.
        const again = attempt === 1 ? await deps.reports.get(record.regionId, record.reportId) : null;
        if (again && again.report.status === STEPS[record.step].status && again.report.overdueAt !== current.overdueAt) {
          current = again.report;
          continue;
        }
      }
      // Lost a race (a second click, the deadline, a hand-over): the link's page now says what happened instead.
      await openDecision(deps, link);
      throw new DecisionLinkError(410, { reason: 'expired' });
    }
  }
  await resume(deps, record.key);
  return { ...opened, report: { ...report, status: to, decisions: [...report.decisions, decision] }, decision };
}

/** The PPK's decision on an objection (step APPEAL): recorded with the link's use in one transition (shared/appeal-changes.ts),
 *  then the objection's execution resumes and tells Bawaslu. A lost race shows the page of what happened. */
async function submitObjection(deps: Deps, link: DecisionLink, opened: OpenDecision, form: DecisionForm): Promise<OpenDecision & { decision: LinkDecision }> {
  let decided: Awaited<ReturnType<typeof decideObjection>>;
  try {
    decided = await decideObjection(deps, opened.record, form);
  } catch (error) {
    if (!(error instanceof TransitionConflict) && !(error instanceof ObjectionClosed)) throw error;
    await openDecision(deps, link);
    throw new DecisionLinkError(410, { reason: 'expired' });
  }
  await resume(deps, opened.record.key);
  return { ...opened, report: decided.report, decision: decided.decision };
}

/** Hands the decision to the waiting task. A stale token is fine: the next wait's function finds the
 *  decision taken and resumes itself, so a decision is never lost between two waits or across a restart. */
async function resume(deps: Deps, key: string): Promise<void> {
  const record = await deps.decisions.get(key);
  if (!record?.decision) return;
  // The waiting task's token is on this record, or (a wait that began while the link was being handed over) on the
  // record before it or the round's first: each is tried in that order until one resumes (a stale one answers
  // false), and the earlier records are read only when needed.
  const tried = new Set<string>();
  /** True when nothing more is to be tried: the task resumed, or the workflow cannot be reached now. */
  const tryToken = async (taskToken: string | undefined): Promise<boolean> => {
    if (!taskToken || tried.has(taskToken)) return false;
    tried.add(taskToken);
    try {
      return await deps.workflow.sendTaskSuccess(taskToken, answerOf(record));
    } catch (error) {
      deps.log.warn('decision recorded but the workflow could not be resumed now; its next wait resumes it', { error: error as Error });
      return true;
    }
  };
  if (await tryToken(record.taskToken)) return;
  for (const key of new Set([record.handedFrom, record.origin])) {
    if (key && (await tryToken((await deps.decisions.get(key))?.taskToken))) return;
  }
  if (tried.size) deps.log.info('decision recorded; the waiting task had moved on and resumes from the record', { step: record.step });
}

