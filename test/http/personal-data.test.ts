// The reporter's identity and the access log through the local HTTP server, the workflow runner and the outbox: a
// report that names its reporter shows it sealed in every answer, page and e-mail; an unseal answers it on the
// record; the access log lists the reads by key; another region's key gets 404; bad input names the field.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually, mailTo, outbox, submitReport, workflowApi } from '../support/workflow.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { MASTER_KEY_FILE } from '../../functions/adapters/seal/file-keys.ts';
import { config } from '../../functions/lib/config.ts';
import { dependencies } from '../../functions/composition/root.ts';

const api = workflowApi();
const bantul = DEMO_REGIONS.find((r) => r.region.id === '34.02')!;
const NAME = 'Rahasia Pelapor Uji';
const CONTACT = 'pelapor.uji@example.org';
const REASON = 'Diperlukan sebagai saksi dalam pemeriksaan BKPSDM.';

const keyIdOf = async (regionId = '34.02') => (await api.deps.keys.list(regionId))[0]!.keyId;
const unseal = (id: string, body: unknown, key?: string | null) =>
  api.request(`/v1/reports/${id}/reporter/unseal`, { method: 'POST', json: body, ...(key !== undefined ? { key } : {}) });

describe('a report that names its reporter', () => {
  it('answers it sealed everywhere, opens it on the record, and logs every read with the key id', async () => {
    const { id, receiptCode } = await submitReport(api, { reporter: { kind: 'PUBLIC', name: NAME, contact: CONTACT } });
    // The OPD head's request went out: the e-mails so far carry the case, never the reporter.
    await mailTo(api, bantul.opds.disdik!.head!.email, receiptCode);

    const read = await api.request(`/v1/reports/${id}`);
    const text = await read.text();
    expect(JSON.parse(text).reporter).toEqual({ kind: 'PUBLIC', sealed: true });
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(CONTACT);
    const caseFile = await (await api.request(`/v1/reports/${id}/case-file`)).text();
    expect(caseFile).not.toContain(NAME);
    const list = await (await api.request('/v1/reports?limit=5')).text();
    expect(list).not.toContain(NAME);

    const opened = await unseal(id, { reason: REASON });
    expect(opened.status).toBe(200);
    const keyId = await keyIdOf();
    expect(await opened.json()).toEqual({ reporter: { kind: 'PUBLIC', name: NAME, contact: CONTACT }, keyId, unsealedAt: expect.any(String) });

    const after = await (await api.request(`/v1/reports/${id}`)).json();
    expect(after.timeline.at(-1)).toMatchObject({ action: 'REPORTER_UNSEALED', actor: 'REGION', keyId, note: REASON, hash: after.timelineHash });
    const notice = await mailTo(api, bantul.contacts.ppk.email, receiptCode, /Identitas pelapor/);
    expect(notice.text).toContain(keyId);
    for (const mail of await outbox(api)) {
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(NAME);
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(CONTACT);
    }

    // Newest first: the unseal, the second report read, the case file, the first read.
    const log = await eventually('the access log', async () => {
      const page = await (await api.request(`/v1/reports/${id}/access-log`)).json();
      return page.items.length >= 4 ? page : undefined;
    });
    expect(log.items.map((e: { route: string }) => e.route)).toEqual([
      'GET /v1/reports/{id}', 'POST /v1/reports/{id}/reporter/unseal', 'GET /v1/reports/{id}/case-file', 'GET /v1/reports/{id}',
    ]);
    expect(log.items.every((e: { keyId: string; reportId: string }) => e.keyId === keyId && e.reportId === id)).toBe(true);
    const first = await (await api.request(`/v1/reports/${id}/access-log?limit=3`)).json();
    expect(first.items).toHaveLength(3);
    const rest = await (await api.request(`/v1/reports/${id}/access-log?limit=3&cursor=${first.nextCursor}`)).json();
    expect(rest.items.map((e: { route: string }) => e.route)).toEqual(['GET /v1/reports/{id}']);
  });

  it('the local master key is a file of its own under the data directory, readable by its owner only', async () => {
    const file = join(config().dataDir!, MASTER_KEY_FILE);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the access log under a failing table (ADR 0404)', () => {
  it('a read answers while the log\'s writes are throttled; its entry waits in the journal and is listed once, when they pass', async () => {
    const { id } = await submitReport(api, { reporter: { kind: 'PUBLIC', name: NAME } });
    // Every BatchWriteItem (the journal's drain) is throttled, as DynamoDB throttles a hot partition.
    let throttling = true;
    const middleware = (next: (args: any) => Promise<any>) => async (args: any) => {
      if (throttling && args.input?.RequestItems) {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
      }
      return next(args);
    };
    const local = dependencies();
    const { client } = local.dynamo;
    client.middlewareStack.add(middleware, { step: 'initialize', name: 'throttleBatchWrites' });
    const journal = local.local!.accessJournal;
    try {
      const before = journal.pending();
      for (let i = 0; i < 3; i++) expect((await api.request(`/v1/reports/${id}`)).status).toBe(200);
      await expect(journal.flush()).rejects.toThrow('Rate exceeded');
      expect(journal.pending()).toBeGreaterThanOrEqual(before + 3); // kept, not dropped
    } finally {
      throttling = false;
      client.middlewareStack.remove('throttleBatchWrites');
    }
    const log = await eventually('the entries written', async () => {
      const page = await (await api.request(`/v1/reports/${id}/access-log`)).json();
      return page.items.length >= 3 ? page : undefined;
    });
    await journal.flush();
    const again = await (await api.request(`/v1/reports/${id}/access-log`)).json();
    expect(again.items).toHaveLength(3); // each read once, however often its drain was tried
    expect(log.items.every((e: { route: string }) => e.route === 'GET /v1/reports/{id}')).toBe(true);
  });
});

describe('isolation and bad input', () => {
  it('another region\'s key gets 404 on the unseal and the access log, and nothing is written', async () => {
    const { id } = await submitReport(api, { reporter: { kind: 'PUBLIC', name: NAME } });
    const other = api.keys['34.01']!;
    expect((await unseal(id, { reason: REASON }, other)).status).toBe(404);
    expect((await api.request(`/v1/reports/${id}/access-log`, { key: other })).status).toBe(404);
    const report = await (await api.request(`/v1/reports/${id}`)).json();
    expect(report.timeline.some((e: { action: string }) => e.action === 'REPORTER_UNSEALED')).toBe(false);
  });

  it.each([
    ['a short reason', { reason: 'terlalu pendek' }, 'reason'],
    ['no reason', {}, 'reason'],
    ['an extra field', { reason: REASON, name: 'x' }, ''],
  ])('%s is 400 naming the field, and nothing is written', async (_what, body, path) => {
    const { id } = await submitReport(api);
    const response = await unseal(id, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    const report = await (await api.request(`/v1/reports/${id}`)).json();
    expect(report.timeline.some((e: { action: string }) => e.action === 'REPORTER_UNSEALED')).toBe(false);
  });

  it('a bad cursor or limit on the access log is 400 naming it; no key is 401', async () => {
    const { id } = await submitReport(api);
    const bad = await api.request(`/v1/reports/${id}/access-log?cursor=eyJQSyI6IngiLCJTSyI6InkifQ`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe('cursor');
    const limit = await api.request(`/v1/reports/${id}/access-log?limit=1000`);
    expect((await limit.json()).errors[0].path).toBe('query.limit');
    expect((await api.request(`/v1/reports/${id}/access-log`, { key: null })).status).toBe(401);
  });
});
