// What follows a national action (its own notice execution, retried and alarmed like Bawaslu's): the e-mail to the
// region's PPK and agency, then the signed `report.national_action` webhook to the region's Bawaslu, each once;
// and the national bodies' weekly digest.
import type { Dependencies } from '#ports';
import type { Region } from '#domain/regions';
import { NATIONAL_ACTION_EVENT, nationalActionNotice, WEBHOOK_DELIVERED, deliveredEvent } from '#domain/notices';
import { joined, message } from '#domain/messages';
import { statusLabel, regionWords } from '#domain/case-facts';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { BODIES, NATIONAL_BODIES, type NationalBody, type NationalDigestContent } from '#domain/national.schema';
import { recommendationOf } from '#domain/recommendation';
import { type Deps, type ReportRef, append, factsOf, loadReport } from './step-support.ts';
import { NoticeError, reportForBawaslu } from './notices.ts';

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
  const body = JSON.stringify({ event: NATIONAL_ACTION_EVENT, report: reportForBawaslu(report, timeline), timelineHash: report.timelineHash ?? null, action });
  await deps.webhooks.post(webhookUrl, webhookSecret, body);
  const deliveredAt = at();
  await deps.markSent(() => append(deps, input, [{
    at: deliveredAt, actor: 'SYSTEM', action: WEBHOOK_DELIVERED, event: notice, status: report.status,
    note: joined(message(`Webhook ${NATIONAL_ACTION_EVENT} terkirim`, `delivered to ${new URL(webhookUrl).host}`)),
  }], deliveredAt, `bawaslu-webhook-${notice}`));
  return { sent: true };
}

/** The digest's week: the Monday (WIB) of `now`'s week, and whether it is past 07:00 WIB that Monday. */
export function digestWeek(now: Date): { week: string; due: boolean } {
  const today = localDate(now, 'Asia/Jakarta');
  const day = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
  // 07:00 WIB is 00:00 UTC.
  return { week: monday, due: now.getTime() >= Date.parse(`${monday}T00:00:00Z`) };
}

/** The most overdue recommendations one digest reads per body (pages of the body's own index, bounded). */
const MAX_DIGEST_ITEMS = 1000;

/** One body's weekly digest content: its open overdue recommendations by region, most first; null when none. */
export async function nationalDigestContent(deps: Pick<Dependencies, 'national' | 'regions'>, body: NationalBody, week: string): Promise<NationalDigestContent | null> {
  const contact = await deps.national.getContact(body);
  if (!contact) return null;
  const byRegion = new Map<string, NationalDigestContent['regions'][number]['items']>();
  const regionsRead = new Map<string, Promise<Region | null>>();
  const regionOf = (regionId: string) => {
    if (!regionsRead.has(regionId)) regionsRead.set(regionId, deps.regions.get(regionId));
    return regionsRead.get(regionId)!;
  };
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.national.recommendations(body, { overdue: 'true', limit: 100, ...(cursor ? { cursor } : {}) });
    for (const report of page.items) {
      const source = recommendationOf(report);
      const region = await regionOf(report.regionId);
      const words = regionWords(region, report.regionId);
      const items = byRegion.get(report.regionId) ?? [];
      items.push({
        id: report.id, number: source?.number ?? '', issuedAt: source?.issuedAt ?? '', dueAt: source?.dueAt ?? null,
        statusLabel: statusLabel(report.status, words).id, overdueSince: localDate(new Date(report.overdueAt!), regionTimeZone(region ?? { id: report.regionId })),
      });
      byRegion.set(report.regionId, items);
    }
    read += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && read < MAX_DIGEST_ITEMS);
  if (!byRegion.size) return null;
  const regions = await Promise.all([...byRegion].map(async ([regionId, items]) => {
    const region = await regionOf(regionId);
    return { regionId, name: region?.name ?? regionId, agencyName: region?.agencyName ?? '', items };
  }));
  return { body, week, contact, regions: regions.sort((a, b) => b.items.length - a.items.length || a.regionId.localeCompare(b.regionId)) };
}

/** Sends each body's digest of the week once (Mondays from 07:00 WIB; `force` sends the current week's now, for a
 *  demo). A body with no contact or nothing overdue gets none. */
export async function sendNationalDigests(
  deps: Pick<Dependencies, 'clock' | 'national' | 'regions' | 'mailer' | 'mails'>,
  options: { force?: boolean } = {},
): Promise<Record<NationalBody, string>> {
  const now = deps.clock.now();
  const { week, due } = digestWeek(now);
  const results = Object.create(null) as Record<NationalBody, string>;
  for (const body of NATIONAL_BODIES) {
    if (!due && !options.force) { results[body] = 'not yet Monday 07:00 WIB'; continue; }
    if (!options.force && (await deps.national.digestSentAt(body, week))) { results[body] = `already sent for ${week}`; continue; }
    const content = await nationalDigestContent(deps, body, week);
    if (!content) { results[body] = `nothing overdue (or no contact) for ${BODIES[body].name}`; continue; }
    await deps.mailer.send(deps.mails.nationalDigest(content));
    await deps.national.markDigestSent(body, week, now.toISOString());
    results[body] = `sent ${week}: ${content.regions.length} region(s)`;
  }
  return results;
}
