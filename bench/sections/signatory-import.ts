// Signatory import: the import command through the local API vs raw BatchWriteItem of the same items into
// the same DynamoDB Local, in alternating rounds of one run; and the command's peak memory on 1,000,000 rows.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { ensureTable } from '../../infra/local/tables.ts';
import { DEFAULT_IMPORT_CONCURRENCY } from '../../infra/admin/importer.ts';
import { startBenchApi } from '../support/api.ts';
import { nipFor, writeSignatoryCsv } from '../support/generate-signatories.ts';
import type { BenchSection } from '../support/section.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ROUNDS = 4;
// ROWS is split over the rounds; each round is one run of the command on its own file.
const MEMORY_ROWS = Number(process.env.BENCH_MEMORY_ROWS ?? 1_000_000);
const OPDS = ['disdik', 'dinkes', 'setda', 'dpupr'];

interface Child {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the import command exactly as a user does (`npm run import -- ...`), with the script's Node flags. */
function runImport(args: string[]): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'import', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ stdout, stderr, code }));
  });
}

async function importFile(file: string, ceremonyId: string, api: { url: string; key: string }) {
  const args = ['--file', file, '--ceremony', ceremonyId, '--key', api.key, '--url', api.url, '--restart', '--json'];
  const started = performance.now();
  const result = await runImport(args);
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`import failed (${result.code}): ${result.stderr}`);
  return { seconds, summary: JSON.parse(result.stdout.trim().split('\n').pop()!) };
}

async function pool(count: number, limit: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) await work(next++);
  }));
}

export const signatoryImport: BenchSection = {
  name: 'signatory-import',
  description: `import ${ROWS.toLocaleString('en-US')} signatories via the API vs raw BatchWriteItem; importer memory on ${MEMORY_ROWS.toLocaleString('en-US')} rows`,
  async run({ tmpDir, log }) {
    const dynamo = await startDynamoLocal();
    const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'ap-southeast-3', local: true });
    const api = await startBenchApi({ endpoint: dynamo.endpoint, table: 'bench-api', dataDir: join(tmpDir, 'signatory-import-api') });
    try {
      await ensureTable(client, 'bench-raw');
      const ceremony = await fetch(`${api.url}/v1/ceremonies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': api.key },
        body: JSON.stringify({
          kind: 'IKRAR_ASN', electionId: 'pilkada-2024', heldAt: '2024-08-26', location: 'Bench', opdIds: [],
          leader: { name: 'Sekda', title: 'Sekretaris Daerah' }, participants: { asn: ROWS, nonAsn: 0 }, evidenceUrls: [],
        }),
      });
      const ceremonyId = ((await ceremony.json()) as { id: string }).id;

      // The very items the API stores for these rows, so both sides write the same bytes.
      const signedAt = new Date().toISOString();
      const rawItem = (n: number) => {
        const nip = nipFor(n);
        return {
          ...keys.signature('34.02', 'pilkada-2024', 'IKRAR_ASN', `NIP#${nip}`),
          nip, name: `Budi Santoso ${n}`, position: 'Guru', opdId: OPDS[n % OPDS.length]!, employmentType: 'PNS', ceremonyId, signedAt,
        };
      };
      async function rawWrite(from: number, count: number, concurrency: number) {
        const started = performance.now();
        await pool(Math.ceil(count / 25), concurrency, async (b) => {
          const items = Array.from({ length: Math.min(25, count - b * 25) }, (_, j) => ({ PutRequest: { Item: rawItem(from + b * 25 + j) } }));
          let pending: Record<string, any> | undefined = { 'bench-raw': items };
          for (let attempt = 0; pending && Object.keys(pending).length; attempt++) {
            if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
            pending = (await doc.send(new BatchWriteCommand({ RequestItems: pending }))).UnprocessedItems;
          }
        });
        return (performance.now() - started) / 1000;
      }

      // Files: a warm-up file, then one per round, with NIPs no other file has.
      const perRound = Math.ceil(ROWS / ROUNDS);
      const warmRows = Math.min(5_000, perRound);
      const files: string[] = [];
      for (let i = 0; i <= ROUNDS; i++) {
        const file = join(tmpDir, `signatories-${i}.csv`);
        await writeSignatoryCsv(file, i === 0 ? warmRows : perRound, OPDS, i === 0 ? 10_000_000 : (i - 1) * perRound);
        files.push(file);
      }

      // Warm both sides up (the JVM and SQLite behind DynamoDB Local most of all), and give the raw
      // baseline its best concurrency rather than a convenient one.
      await importFile(files[0]!, ceremonyId, api);
      let rawConcurrency = 4;
      let best = 0;
      for (const [i, concurrency] of [4, 8, 16].entries()) {
        const rate = warmRows / (await rawWrite(20_000_000 + i * warmRows, warmRows, concurrency));
        log(`raw BatchWriteItem warm-up, ${concurrency} in flight: ${Math.round(rate)} items/s`);
        if (rate > best) [best, rawConcurrency] = [rate, concurrency];
      }

      let apiSeconds = 0;
      let rawSeconds = 0;
      let accepted = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        // Alternate which side goes first, so a change in the machine's load does not favour one side.
        const sides = [
          async () => {
            const { seconds, summary } = await importFile(files[round]!, ceremonyId, api);
            apiSeconds += seconds;
            accepted += summary.accepted;
            log(`round ${round}: import command ${Math.round(perRound / seconds)} rows/s (${summary.accepted} accepted)`);
          },
          async () => {
            const seconds = await rawWrite((round - 1) * perRound, perRound, rawConcurrency);
            rawSeconds += seconds;
            log(`round ${round}: raw BatchWriteItem ×${rawConcurrency} ${Math.round(perRound / seconds)} items/s`);
          },
        ];
        if (round % 2 === 0) sides.reverse();
        for (const side of sides) await side();
      }
      if (accepted !== perRound * ROUNDS) throw new Error(`expected ${perRound * ROUNDS} accepted, got ${accepted}`);

      // The repeat: every row is a duplicate, nothing is written.
      const repeat = await importFile(files[1]!, ceremonyId, api);
      log(`repeat of round 1's file: ${repeat.summary.duplicates} duplicates, ${repeat.summary.accepted} accepted`);

      const apiRate = Math.round((perRound * ROUNDS) / apiSeconds);
      const rawRate = Math.round((perRound * ROUNDS) / rawSeconds);
      const ratio = Math.round((apiRate / rawRate) * 100) / 100;
      const memory = await importerMemory(tmpDir, log);
      return [
        { name: `import command via API (${(perRound * ROUNDS).toLocaleString('en-US')} rows, ${DEFAULT_IMPORT_CONCURRENCY} in flight)`, value: apiRate, unit: 'rows/s' },
        { name: `raw BatchWriteItem, same items (${rawConcurrency} in flight)`, value: rawRate, unit: 'items/s' },
        { name: 'ratio import / raw', value: ratio, unit: '×', target: '≥ 0.5', pass: ratio >= 0.5 },
        { name: 'repeat import (all duplicates)', value: Math.round(perRound / repeat.seconds), unit: 'rows/s' },
        { name: `import command peak RSS, ${MEMORY_ROWS.toLocaleString('en-US')}-row file`, value: memory.maxRssMB, unit: 'MB', target: '< 150', pass: memory.maxRssMB < 150 },
        { name: 'import command alone (instant API stub)', value: memory.rowsPerSecond, unit: 'rows/s' },
      ];
    } finally {
      await api.stop();
      client.destroy();
      await dynamo.stop();
    }
  },
};

/** Peak RSS of the import command on a large file, against a stub that answers at once, so the figure is
 *  the command's own (the real API would take a quarter of an hour for a million rows on this machine). */
async function importerMemory(tmpDir: string, log: (line: string) => void) {
  const file = join(tmpDir, `signatories-${MEMORY_ROWS}.csv`);
  await writeSignatoryCsv(file, MEMORY_ROWS, OPDS);
  const stub = createServer((request, response) => {
    let size = 0;
    request.on('data', (chunk) => (size += chunk.length));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/v1/directory') return response.end(JSON.stringify({ opds: OPDS.map((opdId) => ({ opdId, name: opdId })) }));
      // Rows are about 90 bytes of JSON: the stub accepts them all without parsing.
      response.end(JSON.stringify({ accepted: Math.round(size / 90), duplicates: 0, rejected: [] }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const { port } = stub.address() as { port: number };
  try {
    const result = await runImport([
      '--file', file, '--ceremony', '01M81QH6Z3MFQHF38JRXRE5SSM', '--key', 'stub',
      '--url', `http://127.0.0.1:${port}`, '--restart', '--json',
    ]);
    if (result.code !== 0) throw new Error(`import failed (${result.code}): ${result.stderr}`);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop()!);
    log(`${MEMORY_ROWS.toLocaleString('en-US')} rows against the stub: peak RSS ${summary.maxRssMB} MB, ${summary.rowsPerSecond} rows/s`);
    return summary as { maxRssMB: number; rowsPerSecond: number };
  } finally {
    stub.close();
  }
}
