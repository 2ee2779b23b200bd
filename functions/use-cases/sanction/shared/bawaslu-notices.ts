// Bawaslu's notices: the closing e-mail (copied to BKN for a recommendation) and the signed webhooks of
// report.received, report.overdue, report.closed and report.appeal_decided, each sent once (the record of one that
// failed for good: step-failures.ts).
import type { Dependencies } from '#ports';
import { TransitionConflict } from '#domain/errors';
import { reportWithTimeline, type StoredReport, type TimelineEntry } from '#domain/report.schema';
import { deliveredEvent, WEBHOOK_DELIVERED, type WebhookEvent } from '#domain/notices';
import { recommendationOf } from '#domain/recommendation';
import { isClosed } from '#domain/workflow';
import { joined, message } from '#domain/messages';
import { type Deps, type ReportRef, append, factsOf, loadReport } from './step-support.ts';

/** After the overdue transition: Bawaslu's report.overdue webhook, in its own notice execution (retried,
 *  recorded and alarmed like the closing notice; starting it again is a no-op, so it is sent once). */
export async function notifyOverdue(deps: Pick<Dependencies, 'workflow'>, ref: { regionId: string; reportId: string }): Promise<void> {
  await deps.workflow.startNotice({ ...ref, event: 'report.overdue' });
}

/** A webhook's body: `{event, report, timelineHash}`, the hash of the timeline as it is when sent. */
export function webhookBody(event: WebhookEvent, report: StoredReport, timeline: TimelineEntry[]): string {
  return JSON.stringify({ event, report: reportWithTimeline(report, timeline), timelineHash: report.timelineHash ?? null });

}

/** What a notice's entry records of the hash it carried, so a person holding the notice finds its entry. */
function carried(report: Pick<StoredReport, 'timelineHash'>): { carried?: string } {
  return report.timelineHash ? { carried: report.timelineHash } : {};
}

export class NoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeError';
  }
}

/** Tells Bawaslu: that a report closed, by e-mail (copied to BKN for its recommendations) and then by the signed
 *  webhook; that a report was received or became overdue, by webhook alone. Each is sent once: the e-mail's mark
 *  is `bawasluNotifiedAt`, a webhook's its timeline entry, so a retried step sends only what did not go out.
 *  Throws on failure so the state machine retries with backoff. */
export async function notifyBawaslu(deps: Pick<Deps, 'clock' | 'reports' | 'directory' | 'regions' | 'mailer' | 'mails' | 'markSent' | 'webhooks'>, input: ReportRef & { event?: WebhookEvent | undefined }) {
  const event = input.event ?? 'report.closed';
  let { report, timeline } = await loadReport(deps, input);
  if (event === 'report.closed' && !isClosed(report.status)) throw new NoticeError(`report ${report.id} is ${report.status}, not closed`);
  const contacts = await deps.directory.getContacts(report.regionId);
  if (!contacts) throw new NoticeError(`region ${report.regionId} has no Bawaslu contact`);
  const at = () => deps.clock.now().toISOString();

  if (event === 'report.closed' && !report.bawasluNotifiedAt) {
    const facts = await factsOf(deps, report);
    const bkn = recommendationOf(report) ? contacts.bkn : undefined;
    await deps.mailer.send(deps.mails.bawasluNotice({ facts, report, bawaslu: contacts.bawaslu, bkn }));
    const sentAt = at();
    const to = `${contacts.bawaslu.name} <${contacts.bawaslu.email}>${bkn ? ` dan/and ${bkn.name} <${bkn.email}>` : ''}`;
    try {
      // Retried through an outage (MarkSent) and written once: a retry whose first attempt landed meets it.
      await deps.markSent(() => deps.reports.transition({
        report, from: report.status, at: sentAt, bawasluNotifiedAt: sentAt, once: 'bawaslu-email',
        timeline: [{
          at: sentAt, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED', status: report.status, note: joined(message(`E-mail ke ${to}`, `e-mail to Bawaslu${bkn ? ' and BKN' : ''}`)),
          ...carried(report),
        }],
      }));
    } catch (error) {
      if (!(error instanceof TransitionConflict && error.reason === 'once')) throw error;
    }
    // The webhook carries the report as it is now, its chain head included.
    ({ report, timeline } = await loadReport(deps, input));
  }

  if (event === 'report.appeal_decided') {
    // The appeal decided last (one is open at a time): its e-mail once, marked by its own timeline entry.
    const appeal = report.appeals?.findLast((a) => a.status === 'DECIDED');
    if (!appeal) throw new NoticeError(`report ${report.id} has no decided appeal`);
    const mark = `bawaslu-email-appeal-${appeal.id}`;
    if (!timeline.some((entry) => entry.action === 'BAWASLU_NOTIFIED' && entry.event === event && entry.note?.includes(appeal.id))) {
      const bkn = recommendationOf(report) ? contacts.bkn : undefined;
      await deps.mailer.send(deps.mails.appealDecided({ facts: await factsOf(deps, report), report, appeal, bawaslu: contacts.bawaslu, bkn }));
      const sentAt = at();
      try {
        await deps.markSent(() => append(deps, input, [{
          at: sentAt, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED', event, status: report.status,
          note: joined(message(`Putusan upaya administratif ${appeal.id}: e-mail ke ${contacts.bawaslu.name}${bkn ? ` dan ${bkn.name}` : ''}`, `appeal ${appeal.id} decided: e-mail to Bawaslu${bkn ? ' and BKN' : ''}`)),
        }], sentAt, mark));
      } catch (error) {
        if (!(error instanceof TransitionConflict && error.reason === 'once')) throw error;
      }
      ({ report, timeline } = await loadReport(deps, input));
    }
  }

  const { webhookUrl, webhookSecret } = contacts.bawaslu;
  if (!webhookUrl || !webhookSecret) return { sent: event === 'report.closed' || event === 'report.appeal_decided' };
  if (deliveredEvent(timeline, event)) return { sent: true };
  await deps.webhooks.post(webhookUrl, webhookSecret, webhookBody(event, report, timeline));
  const deliveredAt = at();
  // Retried through an outage (MarkSent), and written once per event.
  await deps.markSent(() => append(deps, input, [{
    at: deliveredAt, actor: 'SYSTEM', action: WEBHOOK_DELIVERED, event, status: report.status, note: joined(message(`Webhook ${event} terkirim`, `delivered to ${new URL(webhookUrl).host}`)),
    ...carried(report),
  }], deliveredAt, `bawaslu-webhook-${event}`));
  return { sent: true };
}
