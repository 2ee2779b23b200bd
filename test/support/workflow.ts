// Helpers for tests that walk the sanction workflow as people do: read the outbox, follow a link, submit a form.
import { expect } from 'vitest';
import type { TestApi } from './api.ts';
import { outboxRoute } from '../../infra/local/outbox-route.ts';
import type { RuntimeDependencies } from '../../functions/lib/dependencies.ts';

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export const localRoutes = (deps: RuntimeDependencies) => [outboxRoute(deps.local!.outbox, deps.regions)];

export async function outbox(api: TestApi): Promise<Mail[]> {
  const response = await api.request('/local/outbox', { key: null, headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  return (await response.json()).messages;
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first message to `to` about the report (by receipt code) whose subject matches, waiting for it. */
export function mailTo(api: TestApi, to: string, receiptCode: string, subject: RegExp = /Mohon keputusan/, nth = 0): Promise<Mail> {
  return eventually(`mail to ${to} matching ${subject}`, async () => {
    const found = (await outbox(api)).filter((m) => m.to.includes(to) && m.subject.includes(receiptCode) && subject.test(m.subject));
    return found[nth];
  });
}

export function linkIn(mail: Mail): string {
  const link = /https?:\/\/\S+\/decisions\/\S+/.exec(mail.text)?.[0];
  expect(link, mail.subject).toBeTruthy();
  return link!;
}

export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

export async function report(api: TestApi, id: string, key?: string) {
  const response = await api.request(`/v1/reports/${id}`, key ? { key } : {});
  expect(response.status).toBe(200);
  return response.json();
}

export function reportWithStatus(api: TestApi, id: string, status: string, key?: string) {
  return eventually(`report ${id} to be ${status}`, async () => {
    const r = await report(api, id, key);
    return r.status === status ? r : undefined;
  });
}

export async function stats(api: TestApi, key?: string) {
  const response = await api.request('/v1/stats?electionId=pilkada-2024', key ? { key } : {});
  expect(response.status).toBe(200);
  return response.json();
}
