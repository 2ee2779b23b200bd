// `npm start` as a new user runs it: it comes up, seeds the demo regions, keeps data across restarts,
// and Ctrl-C stops everything it started, DynamoDB Local included.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { reportBody } from '../support/api.ts';
import { startStack } from '../support/local-stack.ts';

it('serves, persists across a restart, and stops cleanly', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-stack-'));
  let stack = await startStack(dataDir);
  const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
  expect(Object.keys(keys).sort()).toEqual(['34.01', '34.02', '62.03', '64.02', 'BAWASLU_RI', 'BKN']);
  const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));

  const submitted = await fetch(`${stack.url}/v1/reports`, {
    method: 'POST',
    headers: { 'x-api-key': keys['34.02'], 'content-type': 'application/json' },
    body: JSON.stringify(reportBody()),
  });
  expect(submitted.status).toBe(202);
  const { id } = await submitted.json();
  await fetch(`${stack.url}/v1/reports?limit=1`, { headers: { 'x-api-key': keys['34.02'] } });
  const mailed = Date.now() + 15_000;
  // The e-mail line and the timeline's DECISION_REQUESTED line come from two writes; wait for both.
  const settled = () => stack.output().includes('e-mail to Kepala OPD') && stack.output().includes(`${id}  DECISION_REQUESTED`);
  while (!settled() && Date.now() < mailed) await new Promise((r) => setTimeout(r, 100));

  // The console reads like a log for a person: a line per request and per workflow event, no raw JSON, and
  // no reporter; metrics and JSON logs are in netra.log.
  const seen = stack.output();
  expect(seen).toMatch(/POST \/v1\/reports → 202 \(\d+ ms\)/);
  expect(seen).toMatch(/GET  \/v1\/reports → 200 \(\d+ ms\)/);
  expect(seen).toContain(`34.02 ${id}  report NTR-`);
  expect(seen).toMatch(new RegExp(`${id}  (DECISION_REQUESTED  \\()?RECEIVED → AWAITING_OPD_REVIEW`));
  expect(seen).toMatch(new RegExp(`${id}  DECISION_REQUESTED  \\((RECEIVED → )?AWAITING_OPD_REVIEW\\)`));
  expect(seen).toContain(`34.02 ${id}  e-mail to Kepala OPD k***@bantul.demo.netra.example`);
  expect(seen).not.toMatch(/^\{/m);
  expect(seen).not.toContain('No application metrics');
  expect(seen).not.toContain(reportBody().reporter.name);
  expect(readFileSync(join(dataDir, 'netra.log'), 'utf8')).toContain('"CloudWatchMetrics"');

  expect(await stack.stop()).toBe(0);
  expect(stack.output()).toContain(`netra stopped; data kept in ${dataDir}`);
  // DynamoDB Local is gone with it, and the admin pointer is removed.
  await expect(fetch(local.dynamoEndpoint)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  expect(existsSync(join(dataDir, 'local.json'))).toBe(false);

  stack = await startStack(dataDir);
  try {
    expect(JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'))).toEqual(keys);
    const read = await fetch(`${stack.url}/v1/reports/${id}`, { headers: { 'x-api-key': keys['34.02'] } });
    expect(read.status).toBe(200);
    expect((await read.json()).status).toBe('AWAITING_OPD_REVIEW'); // the workflow's first step ran before the stop
    // The seeded recommendations are not pushed again: their waiting executions are the runner's to resume, so the
    // start-up repairs nothing and their timelines gain no entry (the reconciler's first run is 30 s away).
    expect(stack.output()).not.toContain('WORKFLOW_REPAIRED');
    const seeded = await fetch(`${stack.url}/v1/reports?source=BKN_RECOMMENDATION`, { headers: { 'x-api-key': keys['34.01'] } });
    const [recommendation] = (await seeded.json()).items;
    const timeline = (await (await fetch(`${stack.url}/v1/reports/${recommendation.id}`, { headers: { 'x-api-key': keys['34.01'] } })).json()).timeline;
    expect(timeline.map((entry: { action: string }) => entry.action)).not.toContain('WORKFLOW_REPAIRED');
  } finally {
    expect(await stack.stop()).toBe(0);
  }
}, 300_000);

it('without Java, says how to install it (and no stack trace)', () => {
  const run = spawnSync(process.execPath, ['infra/local/start.ts'], {
    env: { ...process.env, PATH: '/nonexistent', NETRA_DATA_DIR: mkdtempSync(join(tmpdir(), 'netra-nojava-')) },
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Java was not found');
  expect(run.stderr).toContain('apt-get install openjdk-17-jre-headless');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
