// What Bawaslu is told, and when: the webhook events and the timeline entry that marks each one delivered.
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
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_DELIVERED = 'BAWASLU_WEBHOOK_DELIVERED';

/** The durable mark that an event was delivered: its timeline entry (older report.closed entries carry no event). */
export function deliveredEvent(timeline: TimelineEntry[], event: WebhookEvent): boolean {
  return timeline.some((entry) => entry.action === WEBHOOK_DELIVERED && (entry.event ?? 'report.closed') === event);
}
