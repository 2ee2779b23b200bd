// A child process for benchmarks: the local API (the handlers `npm start` serves, with local mode's outbox,
// workflow runner and link secret) on a given DynamoDB endpoint, with the demo regions seeded; prints
// {"url", "key", "keys"} as one JSON line once it listens (`key` is Bantul's, 34.02).
// Bench-only routes, beside /local/outbox (never in functions/http/routes.ts):
//   POST /bench/floor/reports       the intake floor: puts the report item and starts its execution, nothing more
//   GET  /bench/meter               DynamoDB round trips and capacity units (with --meter), and every Lambda
//                                   invocation timed, since the last POST /bench/meter/reset
//   PUT  /bench/workflow            {"start": false}: the intake stores reports without starting executions
//   GET  /bench/executions/<name>   the local runner's record of an execution (every state it entered)
//   PUT  /bench/access-log          {"mode": "journal" | "table" | "off"}: answers naming a person journal their
//                                   entry (as netra does), write it to the table beside the read and wait for it
//                                   (as netra did before ADR 0404), or write none (as netra read before the log)
// usage: api-server.ts <dynamodb endpoint> <table name> <data dir> [--meter]
import { join } from 'node:path';
import { freePort } from '../../infra/local/dynamodb.ts';

const [endpoint, tableName, dataDir] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!endpoint || !tableName || !dataDir) throw new Error('usage: api-server.ts <dynamodb endpoint> <table name> <data dir> [--meter]');
const ROOT = join(import.meta.dirname, '..', '..');

// A free port, known before the handlers load, so that e-mailed decision links (BASE_URL) point at it.
const port = await freePort();

// The handlers and Powertools read their settings when first loaded, so the environment comes first.
Object.assign(process.env, {
  NETRA_MODE: 'local',
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: endpoint,
  NETRA_DATA_DIR: dataDir,
  BASE_URL: `http://127.0.0.1:${port}`,
  NETRA_METER: process.argv.includes('--meter') ? 'on' : 'off',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

type Handler = (event: any, context?: any) => Promise<any>;
/** Every Lambda invocation since the last reset: which function and how long its handler ran. */
let invocations: { fn: string; ms: number }[] = [];
/** Calls to the reporter key since the last reset (each is one KMS request in AWS: GenerateDataKey or Decrypt). */
let kmsRequests = 0;
function timed(fn: string, handler: Handler): Handler {
  return async (event, context) => {
    const started = performance.now();
    try {
      return await handler(event, context);
    } finally {
      invocations.push({ fn, ms: performance.now() - started });
    }
  };
}

// Local mode's adapters as the composition root built them, wrapped: each workflow step timed, KMS requests
// counted, and switches to store reports without starting executions and to skip the access log.
const { wrapLocal } = await import('../../functions/composition/root.ts');
const { ulid: ulidNow } = await import('../../functions/domain/ids.ts');
let startExecutions = true;
let accessMode: 'journal' | 'table' | 'off' = 'journal';
wrapLocal((made) => {
  const runner = made.local!.runner;
  runner.wrapSteps((stepFile, handler) => timed(`steps/${stepFile}`, handler));
  const log = made.accessLog;
  const seal = made.seal;
  return {
    seal: {
      seal: (context, identity) => (kmsRequests++, seal.seal(context, identity)),
      unseal: (context, sealed) => (kmsRequests++, seal.unseal(context, sealed)),
    },
    accessLog: {
      record: async (regionId, entry) => {
        if (accessMode === 'journal') return log.record(regionId, entry);
        // The design before ADR 0404: the entry and the key's hourly set written beside the read, awaited.
        if (accessMode === 'table') await made.accessLogWriter.write([{ regionId, id: ulidNow(), entry, expiresAt: new Date(Date.now() + 63_072_000_000) }]);
      },
      ofReport: (regionId, reportId, page) => log.ofReport(regionId, reportId, page),
      ofPerson: (regionId, nip, page) => log.ofPerson(regionId, nip, page),
    },
    workflow: {
      start: (report) => (startExecutions ? runner.start(report) : Promise.resolve()),
      startNotice: (notice) => (startExecutions ? runner.startNotice(notice) : Promise.resolve()),
      sendTaskSuccess: (token, output) => runner.sendTaskSuccess(token, output),
      sendTaskFailure: (token, error, cause) => runner.sendTaskFailure(token, error, cause),
      describe: (report) => runner.describe(report),
      redrive: (report) => runner.redrive(report),
    },
  };
});

const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
const { ensureTable } = await import('../../infra/local/tables.ts');
const { seedDemo } = await import('../../infra/local/seed.ts');
const { startLocalServer } = await import('../../infra/local/server.ts');
const { outboxRoute } = await import('../../infra/local/outbox-route.ts');
const { dependencies } = await import('../../functions/composition/root.ts');
const { meter } = await import('../../functions/adapters/dynamodb/meter.ts');
const { keys: tableKeys } = await import('../../functions/adapters/dynamodb/keys.ts');
const { listItem, statusItem } = await import('../../functions/adapters/dynamodb/report-list.ts');
const { receiptCode, ulid } = await import('../../functions/domain/ids.ts');

const deps = dependencies();
await ensureTable(deps.dynamo.client, tableName);
const keys = await seedDemo(deps, dataDir);

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The least an intake can do: store the report item, its list item and its status item (listed, so with their
 *  index keys), in one round trip, and start its execution. */
async function floorIntake(raw: string) {
  const body = JSON.parse(raw);
  const now = new Date();
  const at = now.toISOString();
  const id = ulid(now.getTime());
  const regionId = '34.02';
  const order = tableKeys.reportOrder(at, id);
  const report = {
    ...body,
    id, receiptCode: receiptCode(), regionId, stage: body.stage ?? 'KAMPANYE', status: 'RECEIVED', decisions: [], createdAt: at, updatedAt: at,
  };
  const item = { ...tableKeys.report(regionId, id), ...report, GSI1SK: order };
  const written = [item, listItem(report), statusItem(report)];
  await deps.dynamo.doc.send(new BatchWriteCommand({ RequestItems: { [tableName!]: written.map((Item) => ({ PutRequest: { Item } })) } }));
  await deps.workflow.start({ regionId, reportId: id });
  return json(202, { id, status: 'RECEIVED' });
}

const benchRoute = async ({ method, path, body }: { method: string; path: string; body: string }) => {
  if (!path.startsWith('/bench/')) return null;
  if (method === 'POST' && path === '/bench/floor/reports') return floorIntake(body);
  if (method === 'GET' && path === '/bench/meter') return json(200, { ...meter.snapshot(), invocations, kmsRequests });
  if (method === 'POST' && path === '/bench/meter/reset') {
    meter.reset();
    invocations = [];
    kmsRequests = 0;
    return json(200, { ok: true });
  }
  if (method === 'PUT' && path === '/bench/access-log') {
    const { mode } = JSON.parse(body);
    if (mode !== 'journal' && mode !== 'table' && mode !== 'off') return json(400, { error: 'mode: journal, table or off' });
    accessMode = mode;
    return json(200, { mode });
  }
  if (method === 'PUT' && path === '/bench/workflow') {
    startExecutions = Boolean(JSON.parse(body).start);
    return json(200, { start: startExecutions });
  }
  if (method === 'GET' && path.startsWith('/bench/executions/')) {
    return json(200, deps.local!.runner.read(decodeURIComponent(path.slice('/bench/executions/'.length))));
  }
  return json(404, { error: `no bench route ${method} ${path}` });
};

const server = await startLocalServer({
  port,
  loadHandler: async (file) => timed(`http/${file.replace(/\.ts$/, '')}`, (await import(join(ROOT, 'functions', 'http', file))).handler),
  localRoutes: [benchRoute, outboxRoute(deps.local!.outbox, deps.regions)],
});
process.stdout.write(`${JSON.stringify({ url: server.url, key: keys['34.02'], keys })}\n`);
process.on('SIGTERM', () => {
  void Promise.allSettled([server.close(), deps.local!.runner.stop()]).then(() => process.exit(0));
});
