// `npm start`: DynamoDB Local, the table, the demo regions and the HTTP API, until Ctrl-C.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDynamoLocal } from './dynamodb.ts';
import { consoleEvents, personConsole } from './console.ts';

const dataDir = resolve(process.env.NETRA_DATA_DIR ?? '.netra');
const port = Number(process.env.PORT ?? 3000);
// The reconciler's period (SPEC: NETRA_RECONCILE_SECONDS, default 30; AWS runs it every 5 minutes).
const reconcileSeconds = Number(process.env.NETRA_RECONCILE_SECONDS ?? 30);
if (!Number.isFinite(reconcileSeconds) || reconcileSeconds <= 0) {
  console.error('NETRA_RECONCILE_SECONDS must be a positive number of seconds');
  process.exit(1);
}
// Every listener is on loopback: the API has demo keys, the outbox holds live decision links.
const host = '127.0.0.1';
mkdirSync(dataDir, { recursive: true });
// Where the admin command finds the running stack.
const localFile = join(dataDir, 'local.json');
// From here on the terminal shows only what `out` says; Powertools' JSON logs and metrics go to netra.log.
const out = personConsole(dataDir);

// NETRA_DYNAMODB_ENDPOINT (local only, unset by default): a DynamoDB Local the caller runs and may stop, freeze
// or restart itself (the soak, soak/run.ts, kills it under a running stack); netra then neither starts nor stops one.
const external = process.env.NETRA_DYNAMODB_ENDPOINT;
const dynamo = external
  ? { endpoint: external, pid: null, stop: async () => undefined }
  : await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') }).catch((error: Error) => {
    // A missing Java or a busy disk is the user's to fix: say what to do, without a stack trace.
    out.warn(`netra could not start DynamoDB Local: ${error.message}`);
    process.exit(1);
  });

// The handlers read their configuration on first use, and the Powertools singletons theirs when created (at
// import): set before anything of netra's loads.
Object.assign(process.env, {
  NETRA_MODE: 'local',
  NETRA_DATA_DIR: dataDir,
  BASE_URL: process.env.BASE_URL ?? `http://${host}:${port}`,
  TABLE_NAME: 'netra',
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  // Emitted as in AWS, into netra.log: the console stays for people.
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
});
// NETRA_LOCAL_FAULTS (local only, unset by default), read with the rest by the configuration: a file through which
// the soak makes e-mail sends fail.

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  rmSync(localFile, { force: true });
  if (digestTimer) clearInterval(digestTimer);
  if (retentionTimer) clearInterval(retentionTimer);
  if (reconciler) clearInterval(reconciler);
  // A step between its e-mail or webhook and the mark that says it went out is let finish (bounded): a Ctrl-C would
  // otherwise send it again after the next start, as only a crash may (docs/soak.md found it).
  const unfinished = await runner?.drain(STOP_DRAIN_MS);
  if (unfinished) out.warn(`${unfinished} workflow step(s) still running after ${STOP_DRAIN_MS / 1000} s were stopped; the next start runs them again`);
  await Promise.allSettled([api?.close(), runner?.stop()]);
  // The access log's journal, drained before the database stops (what is left is drained by the next start).
  accessJournal?.stop();
  await accessJournal?.flush().catch((error: Error) => out.warn(`access-log entries kept in the journal for the next start: ${error.message}`));
  await dynamo.stop();
  out.say(`netra stopped${code ? ' after an error' : ''}; data kept in ${dataDir} (logs and metrics: ${out.logFile})`);
  await out.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// `npm start` runs this under npm: if npm is killed outright, this process is re-parented and stops too
// (DynamoDB Local stops with it by its own watchdog however this one dies).
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stop(0), 1_000).unref();

let api: Awaited<ReturnType<typeof import('./server.ts').startLocalServer>> | undefined;
let runner: { drain(ms: number): Promise<number>; stop(): Promise<void> } | undefined;
let accessJournal: { flush(): Promise<void>; stop(): void } | undefined;
const STOP_DRAIN_MS = 15_000;
let digestTimer: NodeJS.Timeout | undefined;
let retentionTimer: NodeJS.Timeout | undefined;
let reconciler: NodeJS.Timeout | undefined;
try {
  const { ensureTable } = await import('./tables.ts');
  // Loaded after the settings above, which the Powertools singletons read when created.
  const { wrapLocal } = await import('../../functions/composition/root.ts');
  const { seedDemo } = await import('./seed.ts');
  const { startLocalServer } = await import('./server.ts');
  const { outboxRoute } = await import('./outbox-route.ts');
  const { webhookRoute, LOCAL_WEBHOOK_PATH } = await import('./webhook-route.ts');
  // The local adapters the composition root built, with the console's event lines (report moves, who was e-mailed).
  const events = consoleEvents(out.say);
  const deps = wrapLocal((built) => ({ reports: events.reports(built.reports), mailer: events.mailer(built.mailer) }));
  // The executions the last process left running count as running from here on, before the seed or the server can
  // meet them (a keyed retry in the seconds before resumeAll would find them aborted and redrive them); reading
  // their files launches nothing, resumeAll below does.
  deps.local!.runner.loadResumable();
  const added = await ensureTable(deps.dynamo.client, 'netra');
  await seedDemo(deps, dataDir);
  if (added.length) {
    // A table kept from an earlier version just got its new indexes: its reports get the keys they read, as
    // `npm run admin -- report migrate` does in AWS.
    const { dynamoReportMigrations } = await import('../../functions/adapters/dynamodb/report-migrations.ts');
    const migrations = dynamoReportMigrations(deps.dynamo, 'netra');
    for (const regionId of await deps.regions.listIds()) {
      const { reports, added: keyed } = await migrations.migrateListKeys(regionId);
      if (keyed) out.say(`${regionId}: ${keyed} of ${reports} report(s) got the keys of the new list indexes (${added.join(', ')})`);
    }
  }
  // Bantul's Bawaslu gets a webhook to the local stand-in receiver (a loopback receiver, delivered to unless
  // NETRA_ALLOW_LOOPBACK_WEBHOOKS=0), so the walk-through shows the signed webhook arrive.
  const bantul = await deps.directory.getContacts('34.02');
  if (bantul && !bantul.bawaslu.webhookUrl) {
    const bawaslu = { ...bantul.bawaslu, webhookUrl: `${process.env.BASE_URL}${LOCAL_WEBHOOK_PATH}`, webhookSecret: 'demo-webhook-secret-bawaslu-bantul' };
    await deps.directory.putContacts('34.02', { ...bantul, bawaslu }, new Date().toISOString());
  }
  api = await startLocalServer({
    port, host, localRoutes: [outboxRoute(deps.local!.outbox, deps.regions), webhookRoute({ dataDir, directory: deps.directory })],
    onResponse: out.request,
  });
  // Bawaslu's daily digest: each region's, at 07:00 in its zone, for the day before (EventBridge Scheduler in AWS).
  const { scheduledDigest } = await import('../../functions/use-cases/digest.ts');
  const { remindUndeliveredDecrees } = await import('../../functions/use-cases/sanction/delivery-reminders.ts');
  const digestDeps = deps;
  const digestSeconds = Number(process.env.NETRA_DIGEST_SECONDS ?? 60);
  digestTimer = setInterval(() => {
    deps.regions.listIds().then(
      (regionIds) => Promise.all(regionIds.map((id) =>
        scheduledDigest(digestDeps, id)
          .then(() => remindUndeliveredDecrees(digestDeps, id))
          .catch((error: Error) => console.error(`daily digest of ${id} not sent yet: ${error.message}`)))),
      (error: Error) => console.error(`daily digest: regions not readable now: ${error.message}`),
    );
  }, digestSeconds * 1000);
  digestTimer.unref();
  // The retention purge, daily (EventBridge Scheduler at 02:00 WIB in AWS): the first run a minute after start.
  const { runRetention } = await import('../../functions/use-cases/retention.ts');
  const retentionSeconds = Number(process.env.NETRA_RETENTION_SECONDS ?? 86_400);
  const purge = () => deps.regions.listIds().then(
    (regionIds) => Promise.all(regionIds.map((id) =>
      runRetention(deps, id)
        .then((result) => (result.reports.erased || result.ceremonies.erased) && out.say(`retention: ${id}: ${result.reports.erased} report(s) had their personal data erased, ${result.ceremonies.erased} ceremony(ies) their signatures`))
        .catch((error: Error) => console.error(`retention purge of ${id}: ${error.message} (tried again at the next run)`)))),
    (error: Error) => console.error(`retention purge: regions not readable now: ${error.message}`),
  );
  retentionTimer = setInterval(() => void purge(), retentionSeconds * 1000);
  retentionTimer.unref();
  setTimeout(() => void purge(), 60_000).unref();
  // Executions that were waiting when the last `npm start` stopped go on from where they were.
  runner = deps.local!.runner;
  accessJournal = deps.local!.accessJournal;
  const resumed = deps.local!.runner.resumeAll();
  // The reconciler on a timer: the same use case the scheduled Lambda runs, one run at a time.
  const { reconcile, RECONCILE_BUDGET } = await import('../../functions/use-cases/sanction/reconcile.ts');
  const { withDeadline } = await import('../../functions/lib/mark-sent.ts');
  let reconciling = false;
  const cursor = {}; // where the next run begins (reconcile.ts, ReconcileCursor)
  reconciler = setInterval(() => {
    if (reconciling || stopping) return;
    reconciling = true;
    const timeBudgetMs = Math.min(RECONCILE_BUDGET.timeBudgetMs, reconcileSeconds * 1000);
    // As the Lambda's (2 minutes): the marks of what a run sends ride out a short outage within it.
    withDeadline(Date.now() + timeBudgetMs + 60_000, () => reconcile(deps, { ...RECONCILE_BUDGET, timeBudgetMs }, undefined, cursor))
      .then((result) => {
        for (const repair of result.repairs) out.say(`workflow repaired: report ${repair.reportId} (${repair.regionId}) ${repair.how.toLowerCase()}, was ${repair.was.toLowerCase()}`);
        if (result.notices.delivered || result.notices.failing) out.say(`failed Bawaslu notices: ${result.notices.delivered} delivered again, ${result.notices.failing} still failing`);
      })
      .catch((error: Error) => console.error(`reconciler: ${error.message} (tried again in ${reconcileSeconds} s)`))
      .finally(() => (reconciling = false));
  }, reconcileSeconds * 1000);
  writeFileSync(localFile, `${JSON.stringify({ apiUrl: api.url, dynamoEndpoint: dynamo.endpoint, dynamoPid: dynamo.pid, tableName: 'netra', pid: process.pid })}\n`);
  out.say(`netra is running on ${api.url}`);
  out.say(`  DynamoDB Local: ${dynamo.endpoint} (${external ? 'run by the caller, NETRA_DYNAMODB_ENDPOINT' : `data in ${join(dataDir, 'dynamodb')}`})`);
  // Keys are never printed: a console is copied into tickets and logs. They are in the file.
  out.say(`  demo keys:      ${join(dataDir, 'demo-keys.json')} (one API key per demo region, and BKN's and Bawaslu RI's)`);
  out.say(`  API document:   ${api.url}/openapi.json`);
  out.say(`  outbox:         ${api.url}/local/outbox (e-mails with the decision links)`);
  out.say(`  webhooks:       ${api.url}/local/webhook (what Bantul's Bawaslu received)`);
  out.say(`  workflow:       workflows/sanction.asl.json, run locally (${resumed.length} execution(s) resumed; state in ${join(dataDir, 'executions')})`);
  out.say(`  reconciler:     every ${reconcileSeconds} s (NETRA_RECONCILE_SECONDS)`);
  out.say(`  log:            ${out.logFile} (JSON logs and metrics)`);
  out.say('Press Ctrl-C to stop.');
} catch (error) {
  out.warn(error instanceof Error ? error.message : String(error));
  await stop(1);
}
