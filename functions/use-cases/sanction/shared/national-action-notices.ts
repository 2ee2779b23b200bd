// What follows a national action (its own notice execution, retried and alarmed like Bawaslu's): the e-mail to the
// region's PPK and agency, then the signed `report.national_action` webhook to the region's Bawaslu, each once.
// Run by the notice step and by the redelivery of a failed notice.
import { NATIONAL_ACTION_EVENT, nationalActionNotice, WEBHOOK_DELIVERED, deliveredEvent } from '#domain/notices';
import { joined, message } from '#domain/messages';
import { type Deps, type ReportRef, append, factsOf, loadReport } from './step-support.ts';
import { NoticeError } from './bawaslu-notices.ts';
import { reportWithTimeline } from '#domain/report.schema';

/** The timeline entry that marks a national action's e-mail sent (its `event` names the action's notice). */
export const NATIONAL_ACTION_MAILED = 'NATIONAL_ACTION_MAILED';

export async function notifyNationalAction(
  deps: Pick<Deps, 'clock' | 'reports' | 'directory' | 'regions' | 'mailer' | 'mails' | 'markSent' | 'webhooks'>,
  input: ReportRef & { actionId: string },
) {
  const notice = nationalActionNotice(input.actionId);
  let { report, timeline } = await loadReport(deps, input);
  const action = report.nationalActions?.find((a) => a.id === input.actionId);
  if (!action) throw new NoticeError(`report ${report.id} has no national action ${input.actionId}`);
  const contacts = await deps.directory.getContacts(report.regionId);
  if (!contacts) throw new NoticeError(`region ${report.regionId} has no contacts`);
  const at = () => deps.clock.now().toISOString();

  if (!timeline.some((entry) => entry.action === NATIONAL_ACTION_MAILED && entry.event === notice)) {
    const facts = await factsOf(deps, report);
    const to = [{ name: contacts.ppk.name, email: contacts.ppk.email }, { name: contacts.bkpp.name, email: contacts.bkpp.email }];
    await deps.mailer.send(deps.mails.nationalAction({ facts, report, action, to }));
    const sentAt = at();
    // Retried through an outage (MarkSent) and written once: a retry whose first attempt landed meets it.
    await deps.markSent(() => append(deps, input, [{
      at: sentAt, actor: 'SYSTEM', action: NATIONAL_ACTION_MAILED, event: notice, status: report.status,
      note: joined(message(`E-mail ke ${to.map((person) => person.name).join(' dan ')}`, 'e-mailed to the PPK and the agency')),
    }], sentAt, `national-action-mail-${input.actionId}`));
    ({ report, timeline } = await loadReport(deps, input));
  }

  const { webhookUrl, webhookSecret } = contacts.bawaslu;
  if (!webhookUrl || !webhookSecret || deliveredEvent(timeline, notice)) return { sent: true };
  const body = JSON.stringify({ event: NATIONAL_ACTION_EVENT, report: reportWithTimeline(report, timeline), timelineHash: report.timelineHash ?? null, action });
  await deps.webhooks.post(webhookUrl, webhookSecret, body);
  const deliveredAt = at();
  await deps.markSent(() => append(deps, input, [{
    at: deliveredAt, actor: 'SYSTEM', action: WEBHOOK_DELIVERED, event: notice, status: report.status,
    note: joined(message(`Webhook ${NATIONAL_ACTION_EVENT} terkirim`, `delivered to ${new URL(webhookUrl).host}`)),
  }], deliveredAt, `bawaslu-webhook-${notice}`));
  return { sent: true };
}
