// A running local API for HTTP tests: the real server, handlers and DynamoDB Local, with regions seeded; raw
// requests for tests about HTTP itself, the typed client (#client) for everything else.
import { createNetraClient, type NetraClient, type paths } from '#client';
import { dependencies } from '../../functions/composition/root.ts';
import { createRegion, issueKey } from '../../functions/use-cases/keys.ts';
import { apiClient, type ApiRequest } from '../../infra/local/api-client.ts';
import { checkContract } from './contract.ts';
import { startLocalServer, type LocalServerOptions } from '../../infra/local/server.ts';
import { DEMO_REGIONS, DEMO_REPORT } from '../../infra/local/demo-data.ts';

export interface TestApi {
  url: string;
  /** API keys by region id, for two seeded regions: 34.02 (Bantul) and 34.01 (Kulon Progo). */
  keys: Record<string, string>;
  deps: ReturnType<typeof dependencies>;
  request(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  /** The typed client as a region's system uses it, with a region's key (34.02's unless given; null for none).
   *  Its answers are contract-checked like `request`'s; it does not retry, so a 503 shows. */
  client(key?: string | null): NetraClient;
  close(): Promise<void>;
}

export async function seedRegion(deps: ReturnType<typeof dependencies>, regionId: string): Promise<string> {
  const demo = DEMO_REGIONS.find((candidate) => candidate.region.id === regionId)!;
  const at = new Date().toISOString();
  await createRegion(deps, demo.region);
  for (const [opdId, opd] of Object.entries(demo.opds)) await deps.directory.putOpd(regionId, opdId, opd, at);
  await deps.directory.putContacts(regionId, demo.contacts, at);
  return (await issueKey(deps, regionId)).key;
}

export async function startTestApi(options: Partial<LocalServerOptions> = {}): Promise<TestApi> {
  const deps = dependencies();
  const keys = { '34.02': await seedRegion(deps, '34.02'), '34.01': await seedRegion(deps, '34.01') };
  // The port env.ts chose, which the e-mailed decision links (BASE_URL) point at.
  const server = await startLocalServer({ port: Number(process.env.NETRA_TEST_PORT ?? 0), ...options });
  return {
    url: server.url,
    keys,
    deps,
    request: checkedClient(server.url, keys['34.02']),
    client: (key = keys['34.02']) => createNetraClient({ baseUrl: server.url, ...(key ? { apiKey: key } : {}), retry: false, fetch: checkedFetch }),
    close: server.close,
  };
}

/** fetch, with each success answer checked against its route's response schema (the typed client's transport). */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  await checkContract(request.method, request.url, response);
  return response;
};

/** The API client the HTTP tests use: each success answer is checked against its route's response schema. */
export function checkedClient(baseUrl: string, defaultKey: string | null): ApiRequest {
  const request = apiClient(baseUrl, defaultKey);
  return async (path, init = {}) => {
    const response = await request(path, init);
    await checkContract(init.method ?? 'GET', path, response);
    return response;
  };
}

export type ReportBody = paths['/v1/reports']['post']['requestBody']['content']['application/json'];

/** A valid report body; override fields to make it invalid. */
export function reportBody(overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(DEMO_REPORT), ...overrides };
}

/** A valid ceremony body; override fields to make it invalid. */
export function ceremonyBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'IKRAR_ASN',
    electionId: 'pilkada-2024',
    heldAt: '2024-08-26T08:00:00+07:00',
    location: 'Gedung Induk Kantor Bupati Bantul',
    leader: { name: 'Sekretaris Daerah', title: 'Sekda' },
    opdIds: ['disdik'],
    participants: { asn: 120, nonAsn: 15 },
    evidenceUrls: ['https://example.org/ikrar/foto-1.jpg'],
    ...overrides,
  };
}

/** A valid signatory row; override fields to make it invalid. */
export function signatory(overrides: Record<string, unknown> = {}) {
  return { nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS', ...overrides };
}

/** A valid Satgas body: a KETUA, a SEKRETARIS and a member; override fields to make it invalid. */
export function satgasBody(overrides: Record<string, unknown> = {}) {
  return {
    decree: { number: '800/KPTS.101-BKPSDM/2024', date: '2024-07-15' },
    members: [
      { name: 'Kepala Dinas', role: 'KETUA', nip: '197501012000031001', email: 'ketua.satgas@bantul.example' },
      { name: 'Sekretaris Dinas', role: 'SEKRETARIS', nip: '197801012005011002' },
      { name: 'Kasubbag Umum', role: 'ANGGOTA' },
    ],
    ...overrides,
  };
}

/** A valid Satgas activity body (a vulnerability identification with one risk); override fields to make it invalid. */
export function activityBody(overrides: Record<string, unknown> = {}) {
  return {
    opdId: 'disdik',
    electionId: 'pilkada-2024',
    kind: 'IDENTIFIKASI_KERAWANAN',
    heldAt: '2024-09-02',
    summary: 'Pemetaan kerawanan netralitas di lingkungan Dinas Pendidikan.',
    evidenceUrls: ['https://example.org/satgas/notulen.pdf'],
    risks: [{ stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI', description: 'Grup WhatsApp guru dipakai menyebarkan materi kampanye.' }],
    ...overrides,
  };
}
