// `npm start`: DynamoDB Local, the table, the demo regions and the HTTP API, until Ctrl-C.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDynamoLocal } from './dynamodb.ts';
import './adapters.ts';

const dataDir = resolve(process.env.NETRA_DATA_DIR ?? '.netra');
const port = Number(process.env.PORT ?? 3000);
// The reconciler's period (SPEC: NETRA_RECONCILE_SECONDS, default 30; AWS runs it every 5 minutes).
const reconcileSeconds = Number(process.env.NETRA_RECONCILE_SECONDS ?? 30);
if (!Number.isFinite(reconcileSeconds) || reconcileSeconds <= 0) {
  console.error('NETRA_RECONCILE_SECONDS must be a positive number of seconds');
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
mkdirSync(dataDir, { recursive: true });
// Where the admin command finds the running stack.
const localFile = join(dataDir, 'local.json');

const dynamo = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') }).catch((error: Error) => {
  // A missing Java or a busy disk is the user's to fix: say what to do, without a stack trace.
  console.error(`netra could not start DynamoDB Local: ${error.message}`);
  process.exit(1);
});

// The handlers read their configuration when first imported, so it is set before they load.
Object.assign(process.env, {
  NETRA_MODE: 'local',
  NETRA_DATA_DIR: dataDir,
  BASE_URL: process.env.BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
  TABLE_NAME: 'netra',
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  rmSync(localFile, { force: true });
  if (reconciler) clearInterval(reconciler);
  await Promise.allSettled([api?.close(), runner?.stop()]);
  await dynamo.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

let api: Awaited<ReturnType<typeof import('./server.ts').startLocalServer>> | undefined;
let runner: { stop(): Promise<void> } | undefined;
let reconciler: NodeJS.Timeout | undefined;
try {
  const { ensureTable } = await import('./tables.ts');
  const { dependencies } = await import('../../functions/lib/dependencies.ts');
  const { seedDemo } = await import('./seed.ts');
  const { startLocalServer } = await import('./server.ts');
  const { outboxRoute } = await import('./outbox-route.ts');
  const { webhookRoute, LOCAL_WEBHOOK_PATH } = await import('./webhook-route.ts');
  const deps = dependencies();
  await ensureTable(deps.dynamo.client, 'netra');
  const keys = await seedDemo(deps, dataDir);
  // Bantul's Bawaslu gets a webhook to the local stand-in receiver (the directory API accepts only public
  // domain names, so it is set here), so the walk-through shows the signed webhook arrive.
  const bantul = await deps.directory.getContacts('34.02');
  if (bantul && !bantul.bawaslu.webhookUrl) {
    const bawaslu = { ...bantul.bawaslu, webhookUrl: `${process.env.BASE_URL}${LOCAL_WEBHOOK_PATH}`, webhookSecret: 'demo-webhook-secret-bawaslu-bantul' };
    await deps.directory.putContacts('34.02', { ...bantul, bawaslu }, new Date().toISOString());
  }
  api = await startLocalServer({
    port, host, localRoutes: [outboxRoute(deps.local!.outbox), webhookRoute({ dataDir, directory: deps.directory })],
  });
  // Executions that were waiting when the last `npm start` stopped go on from where they were.
  runner = deps.local!.runner;
  const resumed = deps.local!.runner.resumeAll();
  // The reconciler on a timer: the same use case the scheduled Lambda runs, one run at a time.
  const { reconcile, RECONCILE_BUDGET } = await import('../../functions/use-cases/reconcile.ts');
  let reconciling = false;
  reconciler = setInterval(() => {
    if (reconciling || stopping) return;
    reconciling = true;
    reconcile(deps, { ...RECONCILE_BUDGET, timeBudgetMs: Math.min(RECONCILE_BUDGET.timeBudgetMs, reconcileSeconds * 1000) })
      .then((result) => {
        for (const repair of result.repairs) console.log(`workflow repaired: report ${repair.reportId} (${repair.regionId}) ${repair.how.toLowerCase()}, was ${repair.was.toLowerCase()}`);
      })
      .catch((error: Error) => console.error(`reconciler: ${error.message} (tried again in ${reconcileSeconds} s)`))
      .finally(() => (reconciling = false));
  }, reconcileSeconds * 1000);
  writeFileSync(localFile, `${JSON.stringify({ apiUrl: api.url, dynamoEndpoint: dynamo.endpoint, dynamoPid: dynamo.pid, tableName: 'netra', pid: process.pid })}\n`);
  console.log(`netra is running on ${api.url}`);
  console.log(`  DynamoDB Local: ${dynamo.endpoint} (data in ${join(dataDir, 'dynamodb')})`);
  console.log(`  demo keys:      ${join(dataDir, 'demo-keys.json')} (Bantul 34.02: ${keys['34.02']})`);
  console.log(`  API document:   ${api.url}/openapi.json`);
  console.log(`  outbox:         ${api.url}/local/outbox (e-mails with the decision links)`);
  console.log(`  webhooks:       ${api.url}/local/webhook (what Bantul's Bawaslu received)`);
  console.log(`  workflow:       workflows/sanction.asl.json, run locally (${resumed.length} execution(s) resumed; state in ${join(dataDir, 'executions')})`);
  console.log(`  reconciler:     every ${reconcileSeconds} s (NETRA_RECONCILE_SECONDS)`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
