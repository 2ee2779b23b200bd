// A regional system's integration with netra, as docs/api.md shows it: submit a report, read it back, list the
// reports awaiting OPD review, and read a refusal's failing fields. `npm run client:example` runs it against
// `npm start` (the stack's URL and Bantul's key from $NETRA_DATA_DIR), or NETRA_URL and NETRA_KEY.
import { fileURLToPath } from 'node:url';
import { createNetraClient, NetraProblem, unwrap, type paths } from '../src/index.ts';

type ReportBody = paths['/v1/reports']['post']['requestBody']['content']['application/json'];

export async function integrate(baseUrl: string, apiKey: string, report: ReportBody, log: (line: string) => void = console.log) {
  const netra = createNetraClient({ baseUrl, apiKey }); // retries 429/503 as Retry-After says
  const { id, receiptCode } = unwrap(await netra.api.POST('/v1/reports', { body: report })); // Idempotency-Key added
  const stored = unwrap(await netra.api.GET('/v1/reports/{id}', { params: { path: { id } } }));
  log(`${receiptCode}: ${stored.status}, ${stored.timeline.length} timeline entries`);
  for await (const waiting of netra.all('/v1/reports', { status: 'AWAITING_OPD_REVIEW', limit: 50 })) log(`waiting: ${waiting.receiptCode}`);
  try {
    unwrap(await netra.api.POST('/v1/reports', { body: { ...report, incidentDate: '2099-01-01' } }));
  } catch (error) {
    if (!(error instanceof NetraProblem)) throw error;
    log(`refused ${error.status}: ${error.errors.map((e) => e.path).join(', ')}`);
  }
  return { id, receiptCode };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { demoKey, runningStack } = await import('../../../infra/local/running-stack.ts');
  const baseUrl = process.env.NETRA_URL ?? runningStack().apiUrl;
  const apiKey = process.env.NETRA_KEY ?? demoKey('34.02');
  const { DEMO_REPORT } = await import('../../../infra/local/demo-data.ts');
  await integrate(baseUrl, apiKey, DEMO_REPORT);
}
