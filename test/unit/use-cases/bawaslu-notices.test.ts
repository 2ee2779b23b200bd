// Bawaslu told once per event whatever runs twice or fails for good, over the fakes: StartReview retried beside the
// report.received notice execution it started, and notices that failed after every retry, marked and delivered
// again by the reconciler (bounded, one sender at a time, each part once), then unmarked.
import { describe, expect, it } from 'vitest';
import { startReview } from '../../../functions/use-cases/workflow.ts';
import { recordNoticeFailure } from '../../../functions/use-cases/notices.ts';
import { reconcile, RECONCILE_BUDGET } from '../../../functions/use-cases/reconcile.ts';
import { REDELIVERY_LEASE_MS } from '../../../functions/use-cases/failed-notices.ts';
import { UnavailableError } from '../../../functions/domain/errors.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { BANTUL, bantul, REGION, sanctionedWith, submitted } from '../../support/scenarios.ts';

const budget = { ...RECONCILE_BUDGET, graceSeconds: 0 };
const HOOK = 'http://127.0.0.1:9/hook';

async function withWebhook(): Promise<Fakes> {
  const fakes = await bantul();
  const bawaslu = { ...BANTUL.contacts.bawaslu, webhookUrl: HOOK, webhookSecret: 's'.repeat(32) };
  await fakes.directory.putContacts(REGION, { ...BANTUL.contacts, bawaslu }, fakes.clock.now().toISOString());
  return fakes;
}
const events = (fakes: Fakes) => fakes.webhooks.posts.map((post) => JSON.parse(post.body).event as string);
const closed = (fakes: Fakes) => events(fakes).filter((event) => event === 'report.closed');
const actions = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!.timeline.map((e) => e.action);
const closingMails = (fakes: Fakes) => fakes.mailer.to(BANTUL.contacts.bawaslu.email);

describe('report.received, sent inline by StartReview', () => {
  it('a StartReview retried after its inline send went out unmarked leaves the notice execution the only sender', async () => {
    const fakes = await withWebhook();
    const report = await submitted(fakes);
    const ref = { regionId: REGION, reportId: report.id };
    // The inline send goes out; its mark meets the database out: the notice execution takes the event over.
    fakes.reports.before.transition.once(fails(new UnavailableError('DynamoDB is unreachable')));
    await startReview(fakes, ref);
    expect(events(fakes)).toEqual(['report.received']);
    expect(fakes.workflow.notices).toEqual([`${REGION}/${report.id}/report.received`]);
    // Step Functions runs StartReview again (it failed on a later write): it must not send beside that execution.
    await startReview(fakes, ref);
    await startReview(fakes, ref);
    expect(events(fakes)).toEqual(['report.received']);
    expect(fakes.workflow.notices).toEqual([`${REGION}/${report.id}/report.received`]);
  });

  it('the first StartReview sends it inline, once, with no execution of its own', async () => {
    const fakes = await withWebhook();
    const report = await submitted(fakes);
    await startReview(fakes, { regionId: REGION, reportId: report.id });
    await startReview(fakes, { regionId: REGION, reportId: report.id });
    expect(events(fakes)).toEqual(['report.received']);
    expect(fakes.workflow.notices).toEqual([]);
  });
});

describe('notices that failed for good, delivered again by the reconciler', () => {
  it('a closed report whose e-mail and webhook failed: marked, delivered by the first run after the outage, unmarked', async () => {
    const fakes = await withWebhook();
    const report = await sanctionedWith(fakes, 'MORAL_TERBUKA');
    const ref = { regionId: REGION, reportId: report.id };
    // The closing notice's step spent its retries (SES and the receiver out): the record step marks it.
    await recordNoticeFailure(fakes, { ...ref, error: 'ServiceUnavailable' });
    expect([...fakes.failedNotices.marks.values()]).toMatchObject([{ reportId: report.id, event: 'report.closed' }]);
    expect(await actions(fakes, report.id)).toContain('BAWASLU_NOTICE_FAILED');

    // Still out: tried, counted as failing, nothing sent, still marked.
    fakes.mailer.before.send.once(fails(new UnavailableError('SES is unreachable')));
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 0, failing: 1 });
    expect(closingMails(fakes)).toEqual([]);
    expect(fakes.failedNotices.marks.size).toBe(1);

    // Back: the next run delivers both parts, once, and takes the mark away; later runs send nothing.
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 1, failing: 0 });
    expect(closingMails(fakes)).toHaveLength(1);
    expect(closed(fakes)).toHaveLength(1);
    expect(fakes.failedNotices.marks.size).toBe(0);
    await reconcile(fakes, budget);
    expect(closingMails(fakes)).toHaveLength(1);
    expect(closed(fakes)).toHaveLength(1);
    const timeline = (await fakes.reports.get(REGION, report.id))!.timeline;
    expect(timeline.filter((e) => e.action === 'BAWASLU_NOTIFIED')).toHaveLength(1);
    expect(timeline.filter((e) => e.action === 'BAWASLU_WEBHOOK_DELIVERED' && e.event === 'report.closed')).toHaveLength(1);
  });

  it('a part that went out before the failure is not sent again: only the webhook goes', async () => {
    const fakes = await withWebhook();
    const report = await sanctionedWith(fakes, 'MORAL_TERBUKA');
    const ref = { regionId: REGION, reportId: report.id };
    fakes.webhooks.before.post.always(fails('the receiver answers 500'));
    // The step sent the e-mail and marked it, then the webhook failed until its retries ran out.
    const { notifyBawaslu } = await import('../../../functions/use-cases/notices.ts');
    await expect(notifyBawaslu(fakes, ref)).rejects.toThrow();
    await recordNoticeFailure(fakes, { ...ref, error: 'WebhookDeliveryError' });
    expect(closingMails(fakes)).toHaveLength(1);
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 0, failing: 1 });
    fakes.webhooks.before.post.clear();
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 1, failing: 0 });
    expect(closingMails(fakes)).toHaveLength(1);
    expect(closed(fakes)).toHaveLength(1);
  });

  it('report.received whose notice execution failed: delivered by the reconciler; a repaired StartReview sends nothing', async () => {
    const fakes = await withWebhook();
    const report = await submitted(fakes);
    const ref = { regionId: REGION, reportId: report.id };
    fakes.webhooks.before.post.once(fails('the receiver refuses connections'));
    await startReview(fakes, ref);
    expect(fakes.workflow.notices).toEqual([`${REGION}/${report.id}/report.received`]);
    await recordNoticeFailure(fakes, { ...ref, event: 'report.received', error: 'WebhookDeliveryError' });
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 1, failing: 0 });
    await startReview(fakes, ref);
    await reconcile(fakes, budget);
    expect(events(fakes)).toEqual(['report.received']);
  });

  it('two runs at once (a retried invocation): one sends, the other finds the claim held', async () => {
    const fakes = await withWebhook();
    const report = await sanctionedWith(fakes, 'MORAL_TERBUKA');
    await recordNoticeFailure(fakes, { regionId: REGION, reportId: report.id, error: 'ServiceUnavailable' });
    let second: Awaited<ReturnType<typeof reconcile>> | undefined;
    fakes.mailer.before.send.once(async () => {
      second = await reconcile(fakes, budget);
    });
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 1, failing: 0 });
    expect(second?.notices).toEqual({ delivered: 0, failing: 0 });
    expect(closingMails(fakes)).toHaveLength(1);
    expect(closed(fakes)).toHaveLength(1);
  });

  it('a run that died holding the claim: the run after its lease delivers', async () => {
    const fakes = await withWebhook();
    const report = await sanctionedWith(fakes, 'MORAL_TERBUKA');
    await recordNoticeFailure(fakes, { regionId: REGION, reportId: report.id, error: 'ServiceUnavailable' });
    fakes.claims.before.claim.once(async (regionId, id, name) => {
      const now = fakes.clock.now();
      await fakes.claims.claim(regionId, id, name, now.toISOString(), new Date(now.getTime() + REDELIVERY_LEASE_MS).toISOString());
    });
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 0, failing: 0 });
    expect(closingMails(fakes)).toEqual([]);
    fakes.clock.advance(REDELIVERY_LEASE_MS + 1_000);
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 1, failing: 0 });
    expect(closingMails(fakes)).toHaveLength(1);
  });

  it('a mark whose report is gone is taken away, and counts as nothing failing', async () => {
    const fakes = await withWebhook();
    await fakes.failedNotices.mark(REGION, 'KGONE00000000000000000000Z', 'report.closed', fakes.clock.now().toISOString());
    expect((await reconcile(fakes, budget)).notices).toEqual({ delivered: 0, failing: 0 });
    expect(fakes.failedNotices.marks.size).toBe(0);
    expect(closingMails(fakes)).toEqual([]);
  });

  it('stays within the run\'s page limit and says so; the next run goes on', async () => {
    const fakes = await withWebhook();
    const reports = [await sanctionedWith(fakes, 'MORAL_TERBUKA'), await sanctionedWith(fakes, 'MORAL_TERBUKA')];
    for (const report of reports) await recordNoticeFailure(fakes, { regionId: REGION, reportId: report.id, error: 'ServiceUnavailable' });
    // The open reports take pages first (one per open status); the notices get what is left.
    const first = await reconcile(fakes, { ...budget, pageSize: 1, pageLimit: 4 + 1 }, [REGION]);
    expect(first.complete).toBe(false);
    expect(first.notices.delivered).toBe(1);
    const next = await reconcile(fakes, { ...budget, pageSize: 1 }, [REGION]);
    expect(next.notices.delivered).toBe(1);
    expect(fakes.failedNotices.marks.size).toBe(0);
  });
});
