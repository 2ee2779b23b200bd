// The daily digest over the fakes: a day is the region's local day, nothing is sent on a day with nothing to tell,
// the digest goes once (marked after it went out, so a failed send is tried again), and the schedule waits for 07:00.
import { describe, expect, it } from 'vitest';
import { scheduledDigest, sendDailyDigest } from '../../../functions/use-cases/digest.ts';
import { markOverdue } from '../../../functions/use-cases/sanction/shared/overdue.ts';
import { NotFoundError } from '../../../functions/domain/errors.ts';
import { fails } from '../../support/fakes.ts';
import { BANTUL, bantul, REGION, submitted, waitingAt } from '../../support/scenarios.ts';

const bawaslu = BANTUL.contacts.bawaslu.email;

describe('sendDailyDigest', () => {
  it('a day is the region\'s: a report at 00:30 WIB belongs to that day, not to the UTC one before it', async () => {
    const fakes = await bantul({ now: '2024-10-02T17:30:00.000Z' }); // 3 October, 00:30 WIB
    await submitted(fakes);
    expect(await sendDailyDigest(fakes, REGION, '2024-10-02')).toEqual({ sent: false, date: '2024-10-02', reason: 'nothing-to-tell' });
    expect(fakes.mailer.sent).toEqual([]);
    expect(await sendDailyDigest(fakes, REGION, '2024-10-03')).toEqual({ sent: true, date: '2024-10-03', received: 1, overdue: 0 });
    const [mail] = fakes.mailer.to(bawaslu);
    expect(mail!.subject).toContain('Ringkasan harian Kabupaten Bantul 2024-10-03: 1 laporan diterima, 0 melewati tenggat');
    // About the region (no one report), so the local outbox and console place it in the region and its zone.
    expect(mail!.about).toEqual({ regionId: REGION, role: 'BAWASLU' });
  });

  it('counts the reports that became overdue that day, whenever they were received', async () => {
    const fakes = await bantul({ now: '2024-10-03T03:00:00.000Z' });
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await markOverdue(fakes, report, 'BKPP_ASSESSMENT', '2024-10-20T03:00:00.000Z');
    expect(await sendDailyDigest(fakes, REGION, '2024-10-20')).toMatchObject({ sent: true, received: 0, overdue: 1 });
  });

  it('once a day: the second call is already-sent; a send that failed is not marked, so the next call sends it', async () => {
    const fakes = await bantul();
    await submitted(fakes);
    const day = '2024-10-02';
    fakes.mailer.before.send.once(fails('SES is throttling'));
    await expect(sendDailyDigest(fakes, REGION, day)).rejects.toThrow('throttling');
    expect(await fakes.digests.sentAt(REGION, day)).toBeNull();
    expect(await sendDailyDigest(fakes, REGION, day)).toMatchObject({ sent: true });
    expect(await sendDailyDigest(fakes, REGION, day)).toEqual({ sent: false, date: day, reason: 'already-sent' });
    expect(fakes.mailer.to(bawaslu)).toHaveLength(1);
  });

  it('a region without contacts gets none; an unknown region is not found', async () => {
    const fakes = await bantul();
    await submitted(fakes);
    fakes.directory.contacts.delete(REGION);
    expect(await sendDailyDigest(fakes, REGION, '2024-10-02')).toMatchObject({ sent: false, reason: 'no-bawaslu-contact' });
    await expect(sendDailyDigest(fakes, '99.99', '2024-10-02')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('scheduledDigest', () => {
  it('waits for 07:00 in the region, then sends the day before', async () => {
    const fakes = await bantul({ now: '2024-10-02T03:00:00.000Z' }); // 10:00 WIB on 2 October
    await submitted(fakes);
    fakes.clock.set('2024-10-02T23:59:00.000Z'); // 06:59 WIB on 3 October
    expect(await scheduledDigest(fakes, REGION)).toBeNull();
    fakes.clock.set('2024-10-03T00:00:00.000Z'); // 07:00 WIB
    expect(await scheduledDigest(fakes, REGION)).toMatchObject({ sent: true, date: '2024-10-02', received: 1 });
    expect(await scheduledDigest(fakes, REGION)).toMatchObject({ sent: false, reason: 'already-sent' });
  });
});
