// What Bawaslu is told, and when: the webhook events and the timeline entry that marks each one delivered.
import * as z from 'zod/mini';
import type { StoredReport, TimelineEntry } from './report.schema.ts';

/** What a region's daily digest says (views/digest-email.ts renders it). */
export interface DigestContent {
  region: { id: string; name: string; agencyName: string };
  date: string;
  zone: string;
  bawaslu: { name: string; email: string };
  received: StoredReport[];
  overdue: StoredReport[];
}

export const WEBHOOK_EVENTS = ['report.received', 'report.overdue', 'report.closed', 'report.appeal_decided'] as const;
/** One notice a report has per event; a national action's notice is one per action (`report.national_action:<id>`,
 *  the id in its execution's name and on its timeline entries), sent as the event `report.national_action`. */
export const NATIONAL_ACTION_EVENT = 'report.national_action';
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | `${typeof NATIONAL_ACTION_EVENT}:${string}`;

const NATIONAL_ACTION_NOTICE = /^report\.national_action:([0-9A-Z]{13})$/;

/** The notice of a national action. */
export function nationalActionNotice(actionId: string): WebhookEvent {
  return `${NATIONAL_ACTION_EVENT}:${actionId}`;
}

/** The action a notice is about, when it is a national action's. */
export function nationalActionOf(notice: string): string | null {
  return NATIONAL_ACTION_NOTICE.exec(notice)?.[1] ?? null;
}

/** A step's `notice`/`event` input: an event, or a national action's notice. */
export const NoticeName = /* @__PURE__ */ z.union([z.enum(WEBHOOK_EVENTS), z.templateLiteral([NATIONAL_ACTION_EVENT, ':', z.string().check(z.regex(/^[0-9A-Z]{13}$/))])]);

export const WEBHOOK_DELIVERED = 'BAWASLU_WEBHOOK_DELIVERED';

/** The durable mark that an event was delivered: its timeline entry (older report.closed entries carry no event). */
export function deliveredEvent(timeline: TimelineEntry[], event: WebhookEvent): boolean {
  return timeline.some((entry) => entry.action === WEBHOOK_DELIVERED && (entry.event ?? 'report.closed') === event);
}

/** A Bawaslu notice that failed for good, until it is delivered. */
export interface FailedNotice {
  regionId: string;
  reportId: string;
  event: WebhookEvent;
  failedAt: string;
}
