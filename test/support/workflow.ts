// Helpers for tests that walk the sanction workflow as people do: read the outbox, follow a link, submit a form.
import { afterAll, beforeAll, expect } from 'vitest';
import { unwrap } from '#client';
import { reportBody, startTestApi, type ReportBody, type TestApi } from './api.ts';
import { outboxRoute } from '../../infra/local/outbox-route.ts';
import { dependencies, type RuntimeDependencies } from '../../functions/composition/root.ts';
import type { Contacts } from '../../functions/domain/directory.schema.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { startWebhookReceiver, type Hook, type WebhookReceiver } from './webhooks.ts';

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export const localRoutes = (deps: RuntimeDependencies) => [outboxRoute(deps.local!.outbox, deps.regions)];

export interface WorkflowApiOptions {
  /** A Bawaslu webhook receiver for the file, set as 34.02's webhook (with `secret`, and `contacts` merged into the
   *  demo contacts) once the API has seeded the region; a call `refuse` says true to is answered 503. */
  bawaslu?: { secret: string; refuse?: (json: any) => boolean; contacts?: Partial<Contacts> };
}

/** The local API with its workflow runner and outbox route for the file's tests: started before them, and after them
 *  the runner stopped before the server closes (and the webhook receiver after that), so no step runs on against
 *  a closed server. The answer is filled in when the tests start; `hooks` (the calls the receiver kept) at once.
 *  Hooks a file registers after this call run after the start and before the stop. */
export function workflowApi(options: WorkflowApiOptions = {}): TestApi & { hooks: Hook[] } {
  const deps = dependencies();
  const api = { hooks: [] as Hook[] } as TestApi & { hooks: Hook[] };
  let receiver: WebhookReceiver | undefined;
  beforeAll(async () => {
    const { bawaslu } = options;
    if (bawaslu) receiver = await startWebhookReceiver(bawaslu.refuse, api.hooks);
    Object.assign(api, await startTestApi({ localRoutes: localRoutes(deps) }));
    if (bawaslu && receiver) {
      // The receiver listens on loopback, which the local stack delivers to by default.
      const contacts = DEMO_REGIONS.find((d) => d.region.id === '34.02')!.contacts;
      await deps.directory.putContacts('34.02', {
        ...contacts,
        ...bawaslu.contacts,
        bawaslu: { ...contacts.bawaslu, webhookUrl: receiver.url, webhookSecret: bawaslu.secret },
      }, new Date().toISOString());
    }
  });
  afterAll(async () => {
    await deps.local!.runner.stop();
    await api.close?.();
    await receiver?.close();
  });
  return api;
}

/** Submits a report (the demo body with `overrides`) through the typed client, as a region's system does. */
export async function submitReport(api: TestApi, overrides: Record<string, unknown> = {}, key?: string) {
  const { data, response } = await api.client(key).api.POST('/v1/reports', { body: reportBody(overrides) as ReportBody });
  expect(response.status, JSON.stringify(data ?? (await response.clone().text()))).toBe(202);
  return data!;
}

/** A report about dpupr, the demo OPD without a head: it skips the OPD review and waits at BKPP. */
export function submitToBkpp(api: TestApi, overrides: Record<string, unknown> = {}) {
  return submitReport(api, { employee: { ...reportBody().employee, opdId: 'dpupr' }, ...overrides });
}

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
  return unwrap(await api.client(key).api.GET('/v1/reports/{id}', { params: { path: { id } } }));
}

export function reportWithStatus(api: TestApi, id: string, status: string, key?: string) {
  return eventually(`report ${id} to be ${status}`, async () => {
    const r = await report(api, id, key);
    return r.status === status ? r : undefined;
  });
}

export async function stats(api: TestApi, key?: string) {
  return unwrap(await api.client(key).api.GET('/v1/stats', { params: { query: { electionId: 'pilkada-2024' } } }));
}
