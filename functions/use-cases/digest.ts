// The daily digest to Bawaslu: one e-mail per region and local date with that day's received and newly overdue
// reports, none on a day with nothing to tell, and once per day (a mark after it went out).
import type { Dependencies } from '#ports';
import { NotFoundError } from '#domain/errors';
import { instantOf, localDate, regionTimeZone, endOfLocalDay } from '#domain/time-zones';

/** The e-mail is rendered behind the `mails` port (views/digest-email.ts): use cases render nothing. */
export type DigestDeps = Pick<Dependencies, 'clock' | 'regions' | 'reportQueries' | 'digests' | 'directory' | 'mailer' | 'mails'>;
type Deps = DigestDeps;

/** The hour the digest goes out in each region's zone, for the day before. */
export const DIGEST_TIME = '07:00';

export type DigestResult =
  | { sent: true; date: string; received: number; overdue: number }
  | { sent: false; date: string; reason: 'already-sent' | 'nothing-to-tell' | 'no-bawaslu-contact' };

export async function sendDailyDigest(deps: Deps, regionId: string, date?: string): Promise<DigestResult> {
  const region = await deps.regions.get(regionId);
  if (!region) throw new NotFoundError(`region ${regionId} does not exist`);
  const zone = regionTimeZone(region);
  const day = date ?? localDate(deps.clock.now(), zone);
  if (await deps.digests.sentAt(regionId, day)) return { sent: false, date: day, reason: 'already-sent' };
  const from = instantOf(day, '00:00', zone).toISOString();
  const to = new Date(endOfLocalDay(day, zone).getTime() + 1).toISOString();
  const { received, overdue } = await deps.reportQueries.ofPeriod(regionId, from, to);
  if (!received.length && !overdue.length) return { sent: false, date: day, reason: 'nothing-to-tell' };
  const contacts = await deps.directory.getContacts(regionId);
  if (!contacts) return { sent: false, date: day, reason: 'no-bawaslu-contact' };
  // About the region, so the local outbox shows its time in the region's zone as it does a report's e-mail.
  const digest = deps.mails.digest({ region, date: day, zone, bawaslu: contacts.bawaslu, received, overdue });
  await deps.mailer.send({ ...digest, about: { regionId, role: 'BAWASLU' } });
  // Marked after it went out: a failure in between sends it again rather than never.
  await deps.digests.markSent(regionId, day, deps.clock.now().toISOString());
  return { sent: true, date: day, received: received.length, overdue: overdue.length };
}

/** The scheduled run: at or after 07:00 in the region's zone, the digest of the day before (once). */
export async function scheduledDigest(deps: Deps, regionId: string): Promise<DigestResult | null> {
  const region = await deps.regions.get(regionId);
  if (!region) return null;
  const zone = regionTimeZone(region);
  const now = deps.clock.now();
  const today = localDate(now, zone);
  if (now < instantOf(today, DIGEST_TIME, zone)) return null;
  const yesterday = localDate(new Date(instantOf(today, '00:00', zone).getTime() - 1), zone);
  return sendDailyDigest(deps, regionId, yesterday);
}
