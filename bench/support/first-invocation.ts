// The first invocation the cold-start benchmark times after module init: an event each function accepts (so it
// gets past its input check and reaches its stores and clients) and a stand-in AWS endpoint that answers every
// call at once, so a function and its floor each build their clients and make their calls, and nothing waits on
// a network. Work a function does on first use rather than at import is counted either way.
import { createServer, type Server } from 'node:http';
import { DEMO_REGIONS, DEMO_REPORT } from '../../infra/local/demo-data.ts';

const REGION = DEMO_REGIONS[0]!;
const ULID = '01J9Z8Y7X6W5V4T3S2R1Q0P9N8';

/** Path parameters a route's schema accepts. */
const PARAMS: Record<string, string> = { id: ULID, appealId: ULID, regionId: '34.02', riskId: ULID, opdId: 'disdik', decisionId: 'd'.repeat(32), receiptCode: 'NTR-ABC123', nip: '198001012005011001' };

/** A body each writing route accepts, by operation. */
const BODIES: Record<string, unknown> = {
  submitReport: DEMO_REPORT,
  putOpd: REGION.opds.disdik,
  putContacts: REGION.contacts,
  putSettings: {},
  createCeremony: {
    kind: 'IKRAR_ASN', electionId: 'pilkada-2024', heldAt: '2024-08-26T08:00:00+07:00', location: 'Gedung Induk Kantor Bupati Bantul',
    leader: { name: 'Sekretaris Daerah', title: 'Sekda' }, opdIds: ['disdik'], participants: { asn: 120, nonAsn: 15 },
    evidenceUrls: ['https://example.org/ikrar/foto-1.jpg'],
  },
  addSignatories: { signatories: [{ nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' }] },
  putSatgas: {
    decree: { number: '800/KPTS.101-BKPSDM/2024', date: '2024-07-15' },
    members: [{ name: 'Kepala Dinas', role: 'KETUA', nip: '197501012000031001' }, { name: 'Sekretaris Dinas', role: 'SEKRETARIS', nip: '197801012005011002' }],
  },
  createSatgasActivity: {
    opdId: 'disdik', electionId: 'pilkada-2024', kind: 'IDENTIFIKASI_KERAWANAN', heldAt: '2024-09-02',
    summary: 'Pemetaan kerawanan netralitas.', evidenceUrls: ['https://example.org/satgas/notulen.pdf'],
    risks: [{ stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI', description: 'Grup WhatsApp dinas dipakai kampanye.' }],
  },
  putSatgasRisk: { status: 'DITANGANI', note: 'Ditegur oleh kepala dinas.' },
  unsealReporter: { reason: 'Pemeriksaan lanjutan oleh Inspektorat atas laporan ini.' },
  recordDecreeDelivery: { deliveredAt: '2024-10-01T09:00:00+07:00' },
  fileAppeal: { kind: 'KEBERATAN', filedAt: '2024-10-02T09:00:00+07:00', grounds: 'Sanksi tidak sebanding.', documentUrls: ['https://example.org/keberatan.pdf'] },
  recordAppealDecision: { outcome: 'KUATKAN', decisionNumber: '01/BPASN/2024', decidedAt: '2024-10-20T09:00:00+07:00' },
  recordNationalAction: { kind: 'TEGURAN', letterNumber: 'B-101/KASN/2024' },
};

export interface RouteShape {
  operationId: string;
  method: string;
  path: string;
  bodyType?: 'json' | 'form';
  /** The route's query schema (zod/mini): an election is named where it asks for one. */
  query?: unknown;
}

/** The query string a route's schema accepts: the election, where the route reads one election's figures. */
function queryOf(route: RouteShape): Record<string, string> | null {
  if (route.path.startsWith('/decisions/')) return { exp: '4102444800', sig: 's'.repeat(43) };
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && 'electionId' in shape ? { electionId: 'pilkada-2024' } : null;
}

/** An API Gateway proxy event for the route, as the authorizer would pass it on. */
export function routeEvent(route: RouteShape): unknown {
  const pathParameters: Record<string, string> = {};
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (pathParameters[name] = PARAMS[name] ?? 'x'));
  const form = route.bodyType === 'form';
  const body = form ? 'outcome=TINDAK_LANJUT&note=Ditindaklanjuti' : BODIES[route.operationId] === undefined ? null : JSON.stringify(BODIES[route.operationId]);
  const contentType = form ? 'application/x-www-form-urlencoded' : 'application/json';
  return {
    resource: route.path, path, httpMethod: route.method, body, isBase64Encoded: false,
    headers: { 'content-type': contentType, accept: 'application/json' },
    multiValueHeaders: {}, queryStringParameters: queryOf(route),
    multiValueQueryStringParameters: null, pathParameters, stageVariables: null,
    requestContext: {
      accountId: '123456789012', apiId: 'bench', httpMethod: route.method, path, protocol: 'HTTP/1.1', requestId: 'bench',
      requestTimeEpoch: Date.now(), resourceId: route.operationId, resourcePath: route.path, stage: 'prod',
      identity: { sourceIp: '192.0.2.1' }, authorizer: { regionId: REGION.region.id, keyId: 'bench', principalId: `region:${REGION.region.id}` },
    },
  };
}

/** The first event of a function, by its name (`http/authorizer`, `http/get-report`, `steps/request-decision`, ...). */
export function firstEvent(name: string, route: RouteShape | undefined): unknown {
  if (name === 'http/authorizer') {
    return { type: 'REQUEST', methodArn: 'arn:aws:execute-api:ap-southeast-3:123456789012:bench/prod/GET/v1/reports', headers: { 'x-api-key': `k_${'a'.repeat(40)}` } };
  }
  if (route) return routeEvent(route);
  // Steps get a report reference, the step they act on and what the wait steps carry (the decision link's key, the
  // wait's end), so each gets past its input check.
  return { regionId: REGION.region.id, reportId: ULID, step: 'OPD_REVIEW', taskToken: 't'.repeat(64), decisionKey: 'e'.repeat(64), until: '2099-01-01T00:00:00.000Z', executionName: 'bench', executionStartedAt: new Date().toISOString() };
}

/** The floor's first event: one call of the first command its client makes. */
export const FLOOR_EVENT = { first: true };

/** What the stand-in answers, by the call's X-Amz-Target, where an empty answer would stop a function short: the link
 *  key (a string of 43 characters, as the stack generates) and the reporter key's data keys. */
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');
const ANSWERS: Record<string, unknown> = {
  'secretsmanager.GetSecretValue': { ARN: 'arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:LinkSecret-bench', Name: 'LinkSecret', SecretString: 'k'.repeat(43) },
  'TrentService.GenerateDataKey': { KeyId: 'bench', Plaintext: DATA_KEY, CiphertextBlob: Buffer.alloc(184, 9).toString('base64') },
  'TrentService.Decrypt': { KeyId: 'bench', Plaintext: DATA_KEY },
};

/** Answers every AWS call at once: an empty JSON object (DynamoDB, SES, Step Functions), or the answer above. */
export async function standInAws(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls++;
      const target = String(request.headers['x-amz-target'] ?? '');
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(ANSWERS[target] ?? {}));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise<void>((closed) => { server.closeAllConnections(); server.close(() => closed()); }),
  };
}
