// Decrees not handed over within 14 working days of the PPK's decision: one timeline entry and one e-mail to the
// region's agency, once per report however often the daily scan runs; none for a delivered decree.
import { describe, expect, it } from 'vitest';
import { DELIVERY_OVERDUE, remindUndeliveredDecrees } from '../../../functions/use-cases/sanction/delivery-reminders.ts';
import { recordDecreeDelivery } from '../../../functions/use-cases/sanction/appeals.ts';
import { bantul, BANTUL, REGION, sanctionedWith } from '../../support/scenarios.ts';

const DECIDED = '2024-12-02T03:00:00.000Z'; // Monday 2 December 2024, 10:00 WIB

describe('remindUndeliveredDecrees', () => {
  it('after the 14th working day (20 Dec 2024), e-mails the agency once and says so on the timeline', async () => {
    const fakes = await bantul({ now: DECIDED });
    const report = await sanctionedWith(fakes, 'POTONG_TUKIN_9');
    const delivered = await sanctionedWith(fakes, 'TEGURAN_TERTULIS');
    fakes.clock.set(new Date('2024-12-20T16:00:00Z')); // 23:00 WIB on the 14th working day: not late yet
    expect(await remindUndeliveredDecrees(fakes, REGION)).toEqual({ reminded: 0, scanned: 2, appealDeadlines: 0 });

    fakes.clock.set(new Date('2024-12-22T01:00:00Z'));
    await recordDecreeDelivery(fakes, REGION, delivered.id, { deliveredAt: '2024-12-06T10:00:00+07:00' });
    const sent = fakes.mailer.sent.length;
    expect(await remindUndeliveredDecrees(fakes, REGION)).toEqual({ reminded: 1, scanned: 2, appealDeadlines: 0 });
    const mail = fakes.mailer.sent.slice(sent);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual([BANTUL.contacts.bkpp.email]);
    expect(mail[0]!.subject).toContain(report.receiptCode);
    expect(mail[0]!.text).toContain('2024-12-20 23:59 WIB');
    expect(mail[0]!.text).toContain('BKPSDM Kabupaten Bantul');
    const timeline = (await fakes.reports.get(REGION, report.id))!.timeline;
    expect(timeline.filter((e) => e.action === DELIVERY_OVERDUE)).toHaveLength(1);

    // The same day again: the day's mark; another day: the report's entry. Nothing is sent twice.
    expect(await remindUndeliveredDecrees(fakes, REGION)).toBeNull();
    fakes.clock.set(new Date('2024-12-23T01:00:00Z'));
    expect(await remindUndeliveredDecrees(fakes, REGION)).toEqual({ reminded: 0, scanned: 2, appealDeadlines: 0 });
    expect(fakes.mailer.sent.length).toBe(sent + 1);
  });

  it('a mark that fails after the e-mail goes through markSent (retried through an outage), so no run e-mails twice', async () => {
    const fakes = await bantul({ now: DECIDED });
    const report = await sanctionedWith(fakes, 'POTONG_TUKIN_9');
    fakes.clock.set(new Date('2024-12-23T01:00:00Z'));
    // The runtime's markSent retries a mark through an outage (lib/mark-sent.ts); here, up to three attempts.
    let marks = 0;
    fakes.markSent = async (write) => {
      for (let attempt = 1; ; attempt++) {
        marks++;
        try { return await write(); } catch (error) { if (attempt >= 3) throw error; }
      }
    };
    fakes.reports.before.transition.once(() => { throw new Error('DynamoDB is down'); });
    const sent = fakes.mailer.sent.length;
    expect(await remindUndeliveredDecrees(fakes, REGION)).toEqual({ reminded: 1, scanned: 1, appealDeadlines: 0 });
    expect(marks).toBe(2);
    fakes.clock.set(new Date('2024-12-24T01:00:00Z'));
    await remindUndeliveredDecrees(fakes, REGION);
    const timeline = (await fakes.reports.get(REGION, report.id))!.timeline;
    expect(timeline.filter((e) => e.action === DELIVERY_OVERDUE)).toHaveLength(1);
    expect(fakes.mailer.sent.length - sent).toBe(1);
  });
});
