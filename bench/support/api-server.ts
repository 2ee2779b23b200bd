// A child process for benchmarks: the local API (same handlers as `npm start`) on a given DynamoDB endpoint,
// with region 34.02 seeded; prints {"url", "key"} as one JSON line once it listens.
const [endpoint, tableName] = process.argv.slice(2);
if (!endpoint || !tableName) throw new Error('usage: api-server.ts <dynamodb endpoint> <table name>');
Object.assign(process.env, {
  NETRA_MODE: 'local',
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: endpoint,
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
const { ensureTable } = await import('../../infra/local/tables.ts');
const { dependencies } = await import('../../functions/lib/dependencies.ts');
const { createRegion, issueKey } = await import('../../functions/use-cases/keys.ts');
const { DEMO_REGIONS } = await import('../../infra/local/demo-data.ts');
const { startLocalServer } = await import('../../infra/local/server.ts');

const deps = dependencies();
await ensureTable(deps.dynamo.client, tableName);
const demo = DEMO_REGIONS.find((region) => region.region.id === '34.02')!;
await createRegion(deps, demo.region);
for (const [opdId, opd] of Object.entries(demo.opds)) await deps.directory.putOpd('34.02', opdId, opd, new Date().toISOString());
const { key } = await issueKey(deps, '34.02');
const server = await startLocalServer({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url, key })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
