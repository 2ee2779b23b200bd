// Approver changes over the fakes: a waiting step goes to whoever holds its role now, once; the same holder (however
// the address is spelt) changes nothing; filters, expired links, a failing report, the time budget, a decision that
// wins the race, a hand-over whose e-mail was lost, two callers at once, a sender that died holding the claim, and a
// wait begun again after thirty hand-overs.
import { describe, expect, it } from 'vitest';
import { applyApproverChanges } from '../../../functions/use-cases/sanction/shared/approver-changes.ts';
import { HAND_OVER_MAIL_LEASE_MS } from '../../../functions/use-cases/sanction/shared/hand-overs.ts';
import { openDecision, submitDecision } from '../../../functions/use-cases/sanction/decisions.ts';
import { awaitDecision, requestDecision } from '../../../functions/use-cases/sanction/decision-requests.ts';
import { DecisionLinkError } from '../../../functions/domain/errors.ts';
import type { Contacts } from '../../../functions/domain/directory.schema.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { BANTUL, bantul, linkIn, REGION, waitingAt } from '../../support/scenarios.ts';

const NEW_BKPP = { name: 'Kepala BKPSDM Baru', email: 'kepala.bkpsdm.baru@bantul.example' };
const withBkpp = (bkpp: Contacts['bkpp']): Contacts => ({ ...BANTUL.contacts, bkpp });
const changedEntries = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!.timeline.filter((e) => e.action === 'APPROVER_CHANGED');

describe('applyApproverChanges', () => {
  it('hands a waiting BKPP step to the new holder: the old link stops, the new one is mailed and decides', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    expect(await applyApproverChanges(fakes, REGION)).toEqual({ checked: 1, changed: 1, failed: 0, complete: true });

    const [mail] = fakes.mailer.to(NEW_BKPP.email);
    // Worded as the step's request, said to be a hand-over (its mark is written once, by the directory's writer).
    expect(mail).toMatchObject({ kind: 'hand-over', subject: expect.stringContaining('Mohon keputusan') });
    const old = (await fakes.decisions.get(waiting.record.key))!;
    expect(old.status).toBe('HANDED_OVER');
    const report = (await fakes.reports.get(REGION, waiting.report.id))!.report;
    expect(report.pendingDecision).toBe(old.handedTo);
    expect(await changedEntries(fakes, report.id)).toHaveLength(1);
    await expect(openDecision(fakes, waiting.link)).rejects.toMatchObject({ status: 410, end: { reason: 'handed-on' } });
    const decided = await submitDecision(fakes, linkIn(mail!), { outcome: 'DISMISS', notes: 'tidak cukup bukti' });
    expect(decided.decision.by.name).toBe(NEW_BKPP.name);
    // The wait resumes with the token that moved to the new record.
    expect(fakes.workflow.resumed.map((r) => r.taskToken)).toEqual([waiting.record.taskToken]);
  });

  it('the same holder, whatever the case of the address, changes nothing and mails nobody', async () => {
    const fakes = await bantul();
    await waitingAt(fakes, 'BKPP_ASSESSMENT');
    const mails = fakes.mailer.sent.length;
    await fakes.directory.putContacts(REGION, withBkpp({ ...BANTUL.contacts.bkpp, email: BANTUL.contacts.bkpp.email.toUpperCase() }));
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 1, changed: 0 });
    expect(fakes.mailer.sent).toHaveLength(mails);
  });

  it('looks only at the steps and the OPD it is told to', async () => {
    const fakes = await bantul();
    const disdik = await waitingAt(fakes, 'OPD_REVIEW');
    const dinkes = await waitingAt(fakes, 'OPD_REVIEW', { employee: { ...disdik.report.employee, opdId: 'dinkes' } });
    const at = fakes.clock.now().toISOString();
    for (const opdId of ['disdik', 'dinkes']) {
      await fakes.directory.putOpd(REGION, opdId, { ...BANTUL.opds[opdId]!, head: { name: 'Kepala Baru', nip: '197501012000031099', email: `baru.${opdId}@bantul.example` } }, at);
    }
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    expect(await applyApproverChanges(fakes, REGION, { steps: ['BKPP_ASSESSMENT', 'PPK_DECISION'] })).toMatchObject({ checked: 0, changed: 0 });
    expect(await applyApproverChanges(fakes, REGION, { steps: ['OPD_REVIEW'], opdId: 'disdik' })).toMatchObject({ checked: 1, changed: 1 });
    expect(await changedEntries(fakes, disdik.report.id)).toHaveLength(1);
    expect(await changedEntries(fakes, dinkes.report.id)).toHaveLength(0);
  });

  it('leaves a link whose time is up alone: the deadline decides that step', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    fakes.clock.set(waiting.record.expiresAt);
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 0, changed: 0 });
    expect((await fakes.decisions.get(waiting.record.key))!.status).toBe('PENDING');
  });

  it('one report that fails is counted and logged; the others are handed over', async () => {
    const fakes = await bantul();
    const a = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    const b = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    fakes.decisions.before.get.once(fails('DynamoDB is unreachable'));
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 1, changed: 1, failed: 1 });
    expect(fakes.log.lines.at(-1)).toMatchObject({ level: 'warn', attributes: [expect.objectContaining({ reportId: expect.stringMatching(new RegExp(`${a.report.id}|${b.report.id}`)) })] });
    // What failed is done by the next run; the one handed over already is left as it is.
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 2, changed: 1, failed: 0 });
  });

  it('out of time before it starts: says it is incomplete and changes nothing', async () => {
    const fakes = await bantul();
    await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    expect(await applyApproverChanges(fakes, REGION, { stopAt: Date.now() - 1 })).toEqual({ checked: 0, changed: 0, failed: 0, complete: false });
    expect(fakes.mailer.to(NEW_BKPP.email)).toEqual([]);
  });

  it('a decision taken by the old holder between the read and the hand-over stands, and nobody new is mailed', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    fakes.reports.before.transition.once(() => submitDecision(fakes, waiting.link, { outcome: 'DISMISS', notes: 'diputus lebih dulu' }));
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 1, changed: 0, failed: 0 });
    const report = (await fakes.reports.get(REGION, waiting.report.id))!.report;
    expect(report.status).toBe('DISMISSED');
    expect(fakes.mailer.to(NEW_BKPP.email)).toEqual([]);
    expect(await changedEntries(fakes, report.id)).toHaveLength(0);
  });

  it('a hand-over whose e-mail was lost is mailed by the next run, once', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    fakes.mailer.before.send.once(fails('SES is throttling'));
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ changed: 0, failed: 1 });
    expect((await fakes.decisions.get(waiting.record.key))!.status).toBe('HANDED_OVER');
    expect(fakes.mailer.to(NEW_BKPP.email)).toEqual([]);

    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ checked: 1, changed: 0, failed: 0 });
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
    await applyApproverChanges(fakes, REGION);
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
    expect(await changedEntries(fakes, waiting.report.id)).toHaveLength(1);
  });

  it('the directory PUT and the reconciler at once, both before the mark: one hand-over, one e-mail', async () => {
    const fakes = await bantul();
    await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    // The reconciler's run comes in while the PUT's run is about to send: it finds the new record not yet marked.
    let second: unknown;
    fakes.mailer.before.send.once(async () => {
      second = await applyApproverChanges(fakes, REGION);
    });
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ changed: 1, failed: 0 });
    expect(second).toMatchObject({ checked: 1, changed: 0, failed: 0 });
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
    await applyApproverChanges(fakes, REGION);
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
  });

  it('the step asked again while the hand-over is being sent: the handed link goes out once', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    // RequestDecision runs again (a retry, a fresh execution) while the directory's sender is about to send.
    let answer: Awaited<ReturnType<typeof requestDecision>> | undefined;
    fakes.mailer.before.send.once(async () => {
      answer = await requestDecision(fakes, { regionId: REGION, reportId: waiting.report.id, step: 'BKPP_ASSESSMENT' });
    });
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ changed: 1, failed: 0 });
    const live = (await fakes.reports.get(REGION, waiting.report.id))!.report.pendingDecision;
    expect(answer).toMatchObject({ continue: false, decisionKey: live });
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
  });

  it('a hand-over whose e-mail failed, then the step asked again and the reconciler at once: one e-mail, by the step', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    fakes.mailer.before.send.once(fails('SES is throttling'));
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ failed: 1 });
    // The step's retry sends the handed link; the reconciler's run comes in before its mark.
    let second: unknown;
    fakes.mailer.before.send.once(async () => {
      second = await applyApproverChanges(fakes, REGION);
    });
    await requestDecision(fakes, { regionId: REGION, reportId: waiting.report.id, step: 'BKPP_ASSESSMENT' });
    expect(second).toMatchObject({ checked: 1, changed: 0, failed: 0 });
    const [mail, ...more] = fakes.mailer.to(NEW_BKPP.email);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ kind: 'hand-over' });
    // Marked: neither the step asked once more nor the next run sends it again.
    await requestDecision(fakes, { regionId: REGION, reportId: waiting.report.id, step: 'BKPP_ASSESSMENT' });
    await applyApproverChanges(fakes, REGION);
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
  });

  it('a sender that died holding the claim, before sending: the run after its lease sends, once', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    // The dead sender took the claim (for its lease) and never sent.
    fakes.claims.before.claim.once(async (regionId, id, name) => {
      const now = fakes.clock.now();
      await fakes.claims.claim(regionId, id, name, now.toISOString(), new Date(now.getTime() + HAND_OVER_MAIL_LEASE_MS).toISOString());
    });
    expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ changed: 1, failed: 0 });
    expect(fakes.mailer.to(NEW_BKPP.email)).toEqual([]);
    fakes.clock.advance(HAND_OVER_MAIL_LEASE_MS - 1_000);
    await applyApproverChanges(fakes, REGION);
    expect(fakes.mailer.to(NEW_BKPP.email)).toEqual([]);
    fakes.clock.advance(2_000);
    await applyApproverChanges(fakes, REGION);
    await applyApproverChanges(fakes, REGION);
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
    expect(await changedEntries(fakes, waiting.report.id)).toHaveLength(1);
  });
});

describe('a link handed on', () => {
  it('answers the role only, never the new holder\'s name or address', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.directory.putContacts(REGION, withBkpp(NEW_BKPP));
    await applyApproverChanges(fakes, REGION);
    const error = await openDecision(fakes, waiting.link).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecisionLinkError);
    expect(JSON.stringify((error as DecisionLinkError).end)).not.toMatch(/Baru|baru/);
  });
});

describe('a long run of hand-overs (the fifth soak hour: 26 of one PPK step, past a 20-hop walk)', () => {
  const RECOMMEND = { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' } as const;
  /** A BKPP wait handed over `times` times between two holders; then the stack restarts: its token is gone. */
  async function handedOften(times: number) {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    for (let i = 0; i < times; i++) {
      await fakes.directory.putContacts(REGION, withBkpp(i % 2 === 0 ? NEW_BKPP : BANTUL.contacts.bkpp));
      expect(await applyApproverChanges(fakes, REGION)).toMatchObject({ changed: 1, failed: 0 });
    }
    await fakes.workflow.sendTaskFailure(waiting.record.taskToken!, 'Restarted');
    const newest = linkIn(fakes.mailer.to(times % 2 === 0 ? BANTUL.contacts.bkpp.email : NEW_BKPP.email).at(-1)!);
    return { fakes, waiting, newest };
  }

  it('the wait begun again with the first key carries its token to the newest link, whose decision resumes it', async () => {
    const { fakes, waiting, newest } = await handedOften(30);
    fakes.workflow.wait('token-again');
    expect(await awaitDecision(fakes, { taskToken: 'token-again', decisionKey: waiting.record.key })).toEqual({ waiting: true });
    const live = (await fakes.reports.get(REGION, waiting.report.id))!.report.pendingDecision!;
    expect((await fakes.decisions.get(live))!.taskToken).toBe('token-again');

    await submitDecision(fakes, newest, RECOMMEND);
    expect(fakes.workflow.resumed.filter((r) => r.output)).toEqual([{ taskToken: 'token-again', output: { outcome: 'RECOMMEND', step: 'BKPP_ASSESSMENT' } }]);
  });

  it('a decision taken while no wait was held is found by the wait begun again, however many hand-overs came first', async () => {
    const { fakes, waiting, newest } = await handedOften(31);
    await submitDecision(fakes, newest, RECOMMEND);
    expect(fakes.workflow.resumed.filter((r) => r.output)).toEqual([]);

    fakes.workflow.wait('token-again');
    expect(await awaitDecision(fakes, { taskToken: 'token-again', decisionKey: waiting.record.key })).toEqual({ waiting: false });
    expect(fakes.workflow.resumed.filter((r) => r.output)).toEqual([{ taskToken: 'token-again', output: { outcome: 'RECOMMEND', step: 'BKPP_ASSESSMENT' } }]);
  });
});
