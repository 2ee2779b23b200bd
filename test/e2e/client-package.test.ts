// The typed client as a regional developer gets it: `npm pack` in clients/typescript (its prepack builds it), the
// tarball installed offline into a plain Node project, a TypeScript script with a minimal report type-checked by
// `tsc` against the installed .d.ts, then run against the local API.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, timeout: 120_000 });

// The consumer's own script, as the client's README shows it: no cast, no evidenceUrls, no source.
const SCRIPT = `import { createNetraClient, NetraProblem, unwrap } from '@netra/client';
declare const process: { env: Record<string, string | undefined> };
const netra = createNetraClient({ baseUrl: process.env.NETRA_URL!, apiKey: process.env.NETRA_KEY! });
const submit = (incidentDate: string) => netra.api.POST('/v1/reports', { body: {
  electionId: 'pilkada-2024', incidentDate, category: 'MEDIA_SOSIAL',
  description: 'Membagikan poster pasangan calon di grup WhatsApp dinas.', location: 'Bantul',
  employee: { nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' },
  reporter: { kind: 'PUBLIC' },
} });
const { id, receiptCode } = unwrap(await submit('2024-10-02'));
const report = unwrap(await netra.api.GET('/v1/reports/{id}', { params: { path: { id } } }));
const urls: string[] = report.evidenceUrls; // an answer has its defaulted fields
try {
  unwrap(await submit('2099-01-01'));
} catch (error) {
  if (!(error instanceof NetraProblem)) throw error;
  console.log(JSON.stringify({ receiptCode, status: report.status, urls, refused: error.errors.map((e) => e.path) }));
}
`;
const TSCONFIG = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [] }, files: ['script.ts'] };

let api: TestApi;
let dir: string;
beforeAll(async () => {
  api = await startTestApi();
  dir = mkdtempSync(join(tmpdir(), 'netra-client-consumer-'));
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the packed client', () => {
  it('installs offline into a plain Node project, type-checks a minimal report without a cast, and calls the API', async () => {
    const packs = join(dir, 'packs');
    mkdirSync(packs);
    await npm(['pack', '--pack-destination', packs], join(ROOT, 'clients/typescript'));
    // Its one dependency (and that one's) packed from this checkout's node_modules, so no registry is needed.
    await npm(['pack', '--pack-destination', packs, join(ROOT, 'node_modules/openapi-fetch'), join(ROOT, 'node_modules/openapi-typescript-helpers')], dir);
    const tarballs = readdirSync(packs).filter((name) => name.endsWith('.tgz')).map((name) => join(packs, name));
    expect(tarballs.map((t) => t.slice(packs.length + 1)).sort()).toEqual(['netra-client-0.1.0.tgz', 'openapi-fetch-0.17.0.tgz', 'openapi-typescript-helpers-0.1.0.tgz']);

    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'regional-system', private: true, type: 'module' }));
    await npm(['install', '--offline', ...tarballs], project);
    const { stdout: listed } = await run('tar', ['-tzf', tarballs.find((t) => t.includes('netra-client'))!]);
    expect(listed.split('\n')).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/schema.d.ts', 'package/README.md']));

    writeFileSync(join(project, 'script.ts'), SCRIPT);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    const tsc = await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', project]).then(() => '', (e: { stdout: string }) => e.stdout);
    expect(tsc).toBe('');
    // The same script with a field of the wrong type does not compile: the types are checked, not `any`.
    writeFileSync(join(project, 'script.ts'), SCRIPT.replace("category: 'MEDIA_SOSIAL'", "category: 'SOCIAL_MEDIA'"));
    expect(await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', project]).then(() => '', (e: { stdout: string }) => e.stdout)).toMatch(/SOCIAL_MEDIA/);
    writeFileSync(join(project, 'script.ts'), SCRIPT);

    const { stdout } = await run(process.execPath, ['script.ts'], { cwd: project, env: { ...process.env, NETRA_URL: api.url, NETRA_KEY: api.keys['34.02']! }, timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out).toMatchObject({ status: expect.stringMatching(/^(RECEIVED|AWAITING_OPD_REVIEW)$/), urls: [], refused: ['incidentDate'] });
    expect(out.receiptCode).toMatch(/^NTR-/);
  }, 300_000); // npm pack (a tsc build), three installs and two tsc runs: minutes on a loaded 2-core machine
});
