// Decision links: what an approver sees when opening one (nothing changes) and what submitting its form does
// (the decision is recorded once, the report moves on, and the waiting workflow resumes).
import type { Dependencies, DecisionRecord } from '#ports';
import { DecisionLinkError, TransitionConflict } from '#domain/errors';
import { decisionKey, verifyLink } from '#domain/decision-links';
import { SANCTIONS } from '#domain/codes';
import type { Decision, StoredReport, TimelineEntry } from '#domain/report.schema';
import { parseDecisionForm, statusAfter, STEPS, type DecisionForm } from '#domain/workflow';
import { decisionLine, type CaseFacts } from '#views/case-summary';
import { answerOf, factsOf, wordsOf } from './workflow.ts';

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'links' | 'workflow'>;

export interface DecisionLink {
  decisionId: string;
  exp?: string | undefined;
  sig?: string | undefined;
}

export interface OpenDecision {
  record: DecisionRecord;
  report: StoredReport;
  facts: CaseFacts;
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
  if (record.status === 'USED') throw new DecisionLinkError(409, { reason: 'used' });
  const movedOn = found.report.status !== STEPS[record.step].status;
  const expired = record.status === 'EXPIRED' || deps.clock.now().getTime() >= new Date(record.expiresAt).getTime();
  if (movedOn) {
    const words = await wordsOf(deps, record.regionId);
    // After the OPD deadline the report went on by itself: the head's link says so, not just "expired".
    const via = expired && found.timeline.some((entry) => entry.action === 'OPD_REVIEW_TIMED_OUT') && record.step === 'OPD_REVIEW' ? 'deadline' : 'other';
    throw new DecisionLinkError(expired ? 410 : 409, { reason: 'moved-on', status: found.report.status, agency: words.agency, agencyFull: words.agencyFull, via });
  }
  if (expired) throw new DecisionLinkError(410, { reason: 'expired' });
  return { record, report: found.report, facts: await factsOf(deps, found.report) };
}

const ACTIONS = { FORWARD: 'FORWARDED', RECOMMEND: 'RECOMMENDED', IMPOSE: 'SANCTIONED', DISMISS: 'DISMISSED' } as const;

/** Validates the form, records the decision once (the link is consumed in the same transaction that moves
 *  the report), and resumes the workflow. InputError (with the open case) when a field is wrong. */
export async function submitDecision(deps: Deps, link: DecisionLink, form: DecisionForm): Promise<OpenDecision & { decision: Decision }> {
  const opened = await openDecision(deps, link);
  const { record, report } = opened;
  const input = parseDecisionForm(record.step, form);
  const now = deps.clock.now();
  const at = now.toISOString();
  const decision: Decision = { ...input, by: { name: record.approver.name, role: record.approver.role }, at };
  const to = statusAfter(record.step, decision.outcome);
  const counters = to === 'SANCTIONED' ? ['outcome_SANCTIONED', `level_${decision.level}`] : to === 'DISMISSED' ? ['outcome_DISMISSED'] : [];
  const entry: TimelineEntry = { at, actor: record.approver.role, by: record.approver.name, action: ACTIONS[decision.outcome], status: to, note: decisionLine(decision, opened.facts.words) };
  try {
    await deps.reports.transition({
      report, from: STEPS[record.step].status, to, at, timeline: [entry], decision, counters,
      ...(to === 'SANCTIONED' ? { sanction: { level: SANCTIONS[decision.sanction!].level, sanction: decision.sanction!, decreeNumber: decision.decreeNumber! } } : {}),
      record: { key: record.key, to: 'USED', decision },
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
    // Lost a race (a second click, the deadline): the link's page now says what happened instead.
    await openDecision(deps, link);
    throw new DecisionLinkError(410, { reason: 'expired' });
  }
  await resume(deps, record.key);
  return { ...opened, report: { ...report, status: to, decisions: [...report.decisions, decision] }, decision };
}

/** Hands the decision to the waiting task. A stale token is fine: the next wait's function finds the
 *  decision taken and resumes itself, so a decision is never lost between two waits or across a restart. */
async function resume(deps: Deps, key: string): Promise<void> {
  const record = await deps.decisions.get(key);
  if (!record?.taskToken || !record.decision) return;
  try {
    const resumed = await deps.workflow.sendTaskSuccess(record.taskToken, answerOf(record));
    if (!resumed) deps.log.info('decision recorded; the waiting task had moved on and resumes from the record', { step: record.step });
  } catch (error) {
    deps.log.warn('decision recorded but the workflow could not be resumed now; its next wait resumes it', { error: error as Error });
  }
}

