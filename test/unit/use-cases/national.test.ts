// The national bodies over the fakes: a pushed recommendation is a region's report on the recommendation path,
// retried without a second report; the body's list shows only its own and nothing personal; the follow-up comes
// from counters the transitions keep (exact when a step runs twice); an action is recorded once and its notice
// (e-mail to the PPK and agency, Bawaslu's webhook) sent once; the weekly digest groups the overdue by region.
import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../functions/domain/errors.ts';
import type { NationalBody, NationalRecommendationBody } from '../../../functions/domain/national.schema.ts';
import { medianDays } from '../../../functions/domain/follow-up.ts';
import { getFollowUp, listRecommendations, pushRecommendation, recordNationalAction } from '../../../functions/use-cases/national.ts';
import { notifyNationalAction } from '../../../functions/use-cases/sanction/shared/national-action-notices.ts';
import { digestWeek, sendNationalDigests } from '../../../functions/use-cases/national-digest.ts';
import { authenticate, issueKey, listKeys, revokeKey, rotateKeys } from '../../../functions/use-cases/keys.ts';
import { startReview } from '../../../functions/use-cases/sanction/start-review.ts';
import { markOverdue } from '../../../functions/use-cases/sanction/shared/overdue.ts';
import { submitDecision } from '../../../functions/use-cases/sanction/decisions.ts';
import { requestDecision } from '../../../functions/use-cases/sanction/decision-requests.ts';
import { nationalActionOf } from '../../../functions/domain/notices.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, linkIn, recommendation, REGION, submitted } from '../../support/scenarios.ts';

const push = (fakes: Fakes, body: NationalBody = 'BKN', overrides: Partial<NationalRecommendationBody> = {}, key?: string) =>
  pushRecommendation(fakes, { body, recommendation: recommendation(overrides), idempotencyKey: key });

async function regionRow(fakes: Fakes) {
  return (await getFollowUp(fakes, 'pilkada-2024')).regions.find((row) => row.regionId === REGION);
}

describe('national keys', () => {
  it('are hashed like a region\'s, tell their body apart, rotate and revoke per body', async () => {
    const fakes = await bantul();
    const bkn = await issueKey(fakes, { body: 'BKN' });
    const region = await issueKey(fakes, REGION);
    expect(await authenticate(fakes, bkn.key)).toEqual({ body: 'BKN', keyId: bkn.keyId });
    expect(await authenticate(fakes, region.key)).toEqual({ regionId: REGION, keyId: region.keyId });
    expect([...fakes.keys.byHash.keys()].some((hash) => hash.includes(bkn.key))).toBe(false);
    const rotated = await rotateKeys(fakes, { body: 'BKN' });
    expect(rotated.revoked).toEqual([bkn.keyId]);
    expect(await authenticate(fakes, bkn.key)).toBeNull();
    // Another body's list and a region's never hold BKN's keys.
    expect(await listKeys(fakes, { body: 'BAWASLU_RI' })).toEqual([]);
    expect((await listKeys(fakes, REGION)).map((k) => k.keyId)).toEqual([region.keyId]);
    await expect(revokeKey(fakes, { body: 'BAWASLU_RI' }, rotated.keyId)).rejects.toBeInstanceOf(NotFoundError);
    await revokeKey(fakes, { body: 'BKN' }, rotated.keyId);
    expect(await authenticate(fakes, rotated.key)).toBeNull();
  });
});

describe('pushRecommendation', () => {
  it('stores a report in the region with the body\'s source and reporter, skipping the OPD review, and counts it', async () => {
    const fakes = await bantul();
    const pushed = await push(fakes, 'BKN');
    const { report } = (await fakes.reports.get(REGION, pushed.id))!;
    expect(report).toMatchObject({
      nationalBody: 'BKN', reporter: { kind: 'OTHER', sealed: true },
      source: { kind: 'BKN_RECOMMENDATION', number: 'B-4521/R-BKN/XI/2024', issuedAt: '2024-09-30', dueAt: '2024-10-10' },
    });
    // The body's name is the reporter's, sealed like every reporter's.
    expect(await fakes.seal.unseal({ regionId: REGION, reportId: pushed.id }, (await fakes.reports.get(REGION, pushed.id))!.report.reporterSealed!)).toEqual({ name: 'BKN' });
    expect(await startReview(fakes, { regionId: REGION, reportId: pushed.id })).toEqual({ resumeAt: 'BKPP_ASSESSMENT' });
    expect((await fakes.reports.get(REGION, pushed.id))!.timeline.map((e) => e.action)).toContain('OPD_REVIEW_SKIPPED');
    expect(await regionRow(fakes)).toMatchObject({ recommendations: 1, open: 1, closed: 0, overdue: 0, onTimeRate: null });
    const bawaslu = await push(fakes, 'BAWASLU_RI', { number: '0815/PP.01.00/K1/10/2024' });
    expect((await fakes.reports.get(REGION, bawaslu.id))!.report).toMatchObject({ reporter: { kind: 'BAWASLU' }, source: { kind: 'BAWASLU_RECOMMENDATION' } });
  });

  it('answers a retry with the same report, and keeps a body\'s key apart from a region\'s own Idempotency-Key', async () => {
    const fakes = await bantul();
    const first = await push(fakes, 'BKN', {}, 'k-1');
    expect(await push(fakes, 'BKN', {}, 'k-1')).toEqual(first);
    const other = await push(fakes, 'BAWASLU_RI', {}, 'k-1');
    const regions = await submitted(fakes, {}, 'k-1');
    expect(new Set([first.id, other.id, regions.id]).size).toBe(3);
    expect((await regionRow(fakes))!.recommendations).toBe(2);
  });

  it('is 404 for a region not on netra, and checks the rest as a region\'s report, with the body\'s field names', async () => {
    const fakes = await bantul();
    await expect(push(fakes, 'BKN', { regionId: '99.99' })).rejects.toBeInstanceOf(NotFoundError);
    const error = await push(fakes, 'BKN', { dueAt: '2024-09-01', recommendedSanction: 'PEMBERHENTIAN' }).catch((e: unknown) => e);
    expect((error as InputError).errors.map((e) => e.path).sort()).toEqual(['dueAt', 'recommendedLevel']);
    const future = await push(fakes, 'BKN', { issuedAt: '2030-01-01', dueAt: '2030-01-02' }).catch((e: unknown) => e);
    expect((future as InputError).errors.map((e) => e.path)).toEqual(['issuedAt']);
    const opd = await push(fakes, 'BKN', { employee: { ...recommendation().employee, opdId: 'tidak-ada' } }).catch((e: unknown) => e);
    expect((opd as InputError).errors.map((e) => e.path)).toEqual(['employee.opdId']);
    expect(fakes.reports.rows.size).toBe(0);
  });
});

describe('listRecommendations', () => {
  it('lists only the calling body\'s, newest first, with no reporter, description or notes, page by page', async () => {
    const fakes = await bantul();
    const a = await push(fakes, 'BKN', { number: 'A' });
    fakes.clock.advance(1000);
    const b = await push(fakes, 'BKN', { number: 'B' });
    await push(fakes, 'BAWASLU_RI', { number: 'C' });
    await submitted(fakes, { source: { kind: 'BKN_RECOMMENDATION', number: 'typed in by the region', issuedAt: '2024-09-30' } });
    const first = await listRecommendations(fakes, 'BKN', { limit: 1 });
    expect(first.items.map((item) => item.id)).toEqual([b.id]);
    const second = await listRecommendations(fakes, 'BKN', { limit: 1, cursor: first.cursor });
    expect(second.items.map((item) => item.id)).toEqual([a.id]);
    expect(second.cursor).toBeUndefined();
    const text = JSON.stringify(first.items);
    for (const personal of ['Budi', 'poster', 'reporter', 'description', 'notes']) expect(text).not.toContain(personal);
    expect(first.items[0]).toEqual({ regionId: REGION, id: b.id, number: 'B', issuedAt: '2024-09-30', dueAt: '2024-10-10', status: 'RECEIVED', overdue: false, actions: [] });
    expect((await listRecommendations(fakes, 'BKN', { limit: 25, status: 'SANCTIONED' })).items).toEqual([]);
  });
});

/** A BKN recommendation waiting at the PPK's decision (BKPP recommended along it). */
async function atPpk(fakes: Fakes, overrides: Partial<NationalRecommendationBody> = {}) {
  const pushed = await push(fakes, 'BKN', { incidentDate: '2024-09-28', ...overrides });
  const ref = { regionId: REGION, reportId: pushed.id };
  await startReview(fakes, ref);
  await requestDecision(fakes, { ...ref, step: 'BKPP_ASSESSMENT' });
  await submitDecision(fakes, linkIn(fakes.mailer.sent.at(-1)!), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_6', notes: 'Sesuai rekomendasi' });
  await requestDecision(fakes, { ...ref, step: 'PPK_DECISION' });
  return { ...pushed, ref, link: linkIn(fakes.mailer.sent.at(-1)!) };
}

describe('follow-up counters', () => {
  it('count overdue once when the overdue step runs twice, and its close as closed (by its due time: on time), with its days', async () => {
    const fakes = await bantul({ now: '2024-10-01T03:00:00.000Z' });
    // Without dueAt the follow-up is due at the PPK's first deadline (P14D): the close on day 11 is on time.
    const { ref, link } = await atPpk(fakes, { dueAt: undefined });
    fakes.clock.set('2024-10-12T03:00:00.000Z');
    const waiting = (await fakes.reports.get(REGION, ref.reportId))!.report;
    await markOverdue(fakes, waiting, 'PPK_DECISION', fakes.clock.now().toISOString());
    await markOverdue(fakes, waiting, 'PPK_DECISION', fakes.clock.now().toISOString());
    expect(await regionRow(fakes)).toMatchObject({ recommendations: 1, open: 1, overdue: 1 });
    await submitDecision(fakes, link, { outcome: 'IMPOSE', sanction: 'POTONG_TUKIN_6', decreeNumber: 'SK-1', notes: 'Sesuai rekomendasi BKN' });
    const row = (await regionRow(fakes))!;
    expect(row).toMatchObject({ recommendations: 1, open: 0, closed: 1, closedOnTime: 1, overdue: 0, onTimeRate: 1, medianDaysToClose: 11 });
    const [item] = (await listRecommendations(fakes, 'BKN', { limit: 5 })).items;
    expect(item).toMatchObject({ status: 'SANCTIONED', overdue: false, closedOnTime: true, level: 'SEDANG', sanction: 'POTONG_TUKIN_6', decreeNumber: 'SK-1' });
  });

  it('rank the worst on-time rate first, and take the median from the days histogram', async () => {
    expect(medianDays({ daysToClose_2: 1, daysToClose_9: 1, daysToClose_30: 1 })).toBe(9);
    expect(medianDays({ daysToClose_2: 2, daysToClose_9: 2 })).toBe(2);
    expect(medianDays({})).toBeNull();
  });
});

describe('recordNationalAction', () => {
  it('writes NATIONAL_ACTION once on the chained timeline, counts it, and starts its one notice; a retry gets the same action', async () => {
    const fakes = await bantul();
    const pushed = await push(fakes, 'BKN');
    const input = { body: 'BKN' as const, regionId: REGION, id: pushed.id, action: { kind: 'TEGURAN' as const, letterNumber: 'T-1/BKN/2024' } };
    const first = await recordNationalAction(fakes, input);
    fakes.clock.advance(60_000);
    const again = await recordNationalAction(fakes, input);
    expect(first.created).toBe(true);
    expect(again).toEqual({ action: first.action, created: false });
    const { report, timeline } = (await fakes.reports.get(REGION, pushed.id))!;
    expect(timeline.filter((e) => e.action === 'NATIONAL_ACTION')).toHaveLength(1);
    expect(report.timelineHash).toBe(timeline.at(-1)!.hash);
    expect(report.nationalActions).toEqual([first.action]);
    expect(fakes.workflow.noticesOf(pushed.id).filter((n) => nationalActionOf(n))).toEqual([`report.national_action:${first.action.id}`]);
    expect((await regionRow(fakes))!.actions).toEqual({ TEGURAN: 1, BLOKIR_DATA: 0, BUKA_BLOKIR: 0 });
  });

  it('is 404 for another body\'s recommendation or a region\'s own report, and BLOKIR_DATA is BKN\'s alone', async () => {
    const fakes = await bantul();
    const bkn = await push(fakes, 'BKN');
    const bawaslu = await push(fakes, 'BAWASLU_RI', { number: 'X' });
    const own = await submitted(fakes);
    const act = (body: NationalBody, id: string, kind: 'TEGURAN' | 'BLOKIR_DATA' = 'TEGURAN') =>
      recordNationalAction(fakes, { body, regionId: REGION, id, action: { kind, letterNumber: 'L-1' } });
    await expect(act('BAWASLU_RI', bkn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(act('BKN', own.id)).rejects.toBeInstanceOf(NotFoundError);
    const refused = await act('BAWASLU_RI', bawaslu.id, 'BLOKIR_DATA').catch((e: unknown) => e);
    expect((refused as InputError).errors.map((e) => e.path)).toEqual(['kind']);
    await expect(act('BKN', bkn.id, 'BLOKIR_DATA')).resolves.toMatchObject({ created: true });
    expect((await fakes.reports.get(REGION, bawaslu.id))!.report.nationalActions).toBeUndefined();
  });

  it('its notice e-mails the PPK and the agency once and posts report.national_action once, even when the step runs again', async () => {
    const fakes = await bantul();
    await fakes.directory.putContacts(REGION, { ...(await fakes.directory.getContacts(REGION))!, bawaslu: { name: 'Bawaslu Bantul', email: 'b@x.id', webhookUrl: 'http://localhost:9/hook', webhookSecret: 's'.repeat(32) } }, fakes.clock.now().toISOString());
    const pushed = await push(fakes, 'BKN');
    const { action } = await recordNationalAction(fakes, { body: 'BKN', regionId: REGION, id: pushed.id, action: { kind: 'TEGURAN', letterNumber: 'T-9', note: 'Segera tindak lanjuti' } });
    const sent = fakes.mailer.sent.length;
    // The first attempt's webhook fails after its e-mail went out: the retry sends the webhook alone.
    fakes.webhooks.before.post.once(() => { throw new Error('receiver down'); });
    await expect(notifyNationalAction(fakes, { regionId: REGION, reportId: pushed.id, actionId: action.id })).rejects.toThrow('receiver down');
    await notifyNationalAction(fakes, { regionId: REGION, reportId: pushed.id, actionId: action.id });
    await notifyNationalAction(fakes, { regionId: REGION, reportId: pushed.id, actionId: action.id });
    const mails = fakes.mailer.sent.slice(sent);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['ppk@bantul.demo.netra.example', 'bkpsdm@bantul.demo.netra.example']);
    expect(mails[0]!.text).toContain('Surat teguran kepada PPK');
    expect(mails[0]!.text).not.toContain('Siti');
    expect(fakes.webhooks.posts).toHaveLength(1);
    const body = JSON.parse(fakes.webhooks.posts[0]!.body);
    expect(body).toMatchObject({ event: 'report.national_action', action: { id: action.id, kind: 'TEGURAN', letterNumber: 'T-9' } });
    expect(body.report.reporter).toEqual({ kind: 'OTHER', sealed: true });
    expect(body.timelineHash).toBe(body.report.timelineHash);
  });
});

describe('weekly digest', () => {
  it('goes to each body\'s contact with its overdue recommendations by region, once a week, and none when nothing is overdue', async () => {
    const fakes = await bantul({ now: '2024-10-01T03:00:00.000Z' });
    await fakes.national.putContact('BKN', { name: 'Wasdal BKN', email: 'wasdal@bkn.test' });
    await fakes.national.putContact('BAWASLU_RI', { name: 'Bawaslu RI', email: 'ri@bawaslu.test' });
    const { ref } = await atPpk(fakes, { dueAt: undefined });
    fakes.clock.set('2024-10-12T03:00:00.000Z');
    await markOverdue(fakes, (await fakes.reports.get(REGION, ref.reportId))!.report, 'PPK_DECISION', fakes.clock.now().toISOString());
    // Monday 14 October 2024, 07:00 WIB is 00:00 UTC.
    fakes.clock.set('2024-10-13T23:59:00.000Z');
    expect(digestWeek(fakes.clock.now())).toEqual({ week: '2024-10-14', due: false });
    expect((await sendNationalDigests(fakes)).BKN).toBe('not yet Monday 07:00 WIB');
    fakes.clock.set('2024-10-14T00:00:00.000Z');
    const sent = fakes.mailer.sent.length;
    const results = await sendNationalDigests(fakes);
    expect(results.BKN).toMatch(/^sent 2024-10-14/);
    expect(results.BAWASLU_RI).toMatch(/nothing overdue/);
    const mails = fakes.mailer.sent.slice(sent);
    expect(mails.map((m) => m.to)).toEqual([['wasdal@bkn.test']]);
    expect(mails[0]!.text).toContain('Kabupaten Bantul (BKPSDM): 1');
    expect(mails[0]!.text).not.toContain('Budi');
    expect((await sendNationalDigests(fakes)).BKN).toBe('already sent for 2024-10-14');
    expect(fakes.mailer.sent.length).toBe(sent + 1);
  });
});
