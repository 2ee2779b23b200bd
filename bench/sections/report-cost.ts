// The cost of a report on each path of the sanction workflow, walked as people walk it: submitted through the
// API, each approver opening the e-mailed link (GET) and deciding (POST), the local runner running the ASL file.
// Counted per path: state transitions (every state the interpreter entered), Lambda invocations (every handler
// the local stack ran), API calls, DynamoDB capacity units (ConsumedCapacity), e-mails (the outbox); priced
// with bench/prices.ts. Then what the deployed stack costs while idle, from its synthesized template.
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { EXAMPLE_CONTEXT } from '../support/cdk-context.ts';
import { buildNetraApp } from '../../infra/netra-app.ts';
import { readNestedTemplate } from '../../infra/netra-stack.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { DEPLOY_REGION, FIXED_MONTHLY, PRICES, PRICES_AS_OF, REGION_NAMES, type PriceRegion } from '../prices.ts';
import { reportBody, startBenchApi, type BenchApi } from '../support/api.ts';
import { deployedFunctions } from '../support/lambda-bundles.ts';
import { round, type BenchResult, type BenchSection } from '../support/section.ts';

const BUDGET_PER_1000 = 1.0;
/** Assumption: every invocation starts cold (at netra's volumes, a few reports per region a week, environments
 *  are rarely warm), and Lambda bills its INIT phase (since August 2025): this much, at 512 MB on arm64. */
const ASSUMED_INIT_MS = 500;

type Role = 'opd' | 'bkpp' | 'ppk';
interface Decision {
  role: Role;
  fields: Record<string, string>;
}
interface Path {
  name: string;
  region: string;
  body?: Record<string, unknown>;
  decisions: Decision[];
}

// Reports are KAMPANYE: the guidance gives SEDANG there, so the decisions below need no notes for it.
const FORWARD: Decision = { role: 'opd', fields: { outcome: 'FORWARD', notes: 'Bukti cukup.' } };
const RECOMMEND: Decision = { role: 'bkpp', fields: { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', notes: 'Pelanggaran berulang.' } };
const IMPOSE: Decision = { role: 'ppk', fields: { outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', decreeNumber: '800/1234/2024' } };
const dismiss = (role: Role): Decision => ({ role, fields: { outcome: 'DISMISS', notes: 'Tidak terbukti.' } });

const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const PATHS: Path[] = [
  { name: 'full path to SANCTIONED', region: '34.02', decisions: [FORWARD, RECOMMEND, IMPOSE] },
  { name: 'dismissed at OPD', region: '34.02', decisions: [dismiss('opd')] },
  { name: 'dismissed at BKPP', region: '34.02', decisions: [FORWARD, dismiss('bkpp')] },
  { name: 'dismissed at PPK', region: '34.02', decisions: [FORWARD, RECOMMEND, dismiss('ppk')] },
  {
    name: 'OPD skipped (conflict of interest), then sanctioned',
    region: '34.02',
    body: { employee: { ...reportBody().employee, nip: bantul.opds.disdik!.head!.nip, name: 'Kepala Dinas Pendidikan' } },
    decisions: [RECOMMEND, IMPOSE],
  },
  // Kulon Progo's OPD heads get second-scale settings below: a reminder after 1 s, the deadline after 2 s.
  { name: 'OPD reminded, timed out, then sanctioned', region: '34.01', decisions: [RECOMMEND, IMPOSE] },
];

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function outbox(api: BenchApi): Promise<Mail[]> {
  const response = await api.request('/local/outbox', { key: null, headers: { accept: 'application/json' } });
  return ((await response.json()) as { messages: Mail[] }).messages;
}

/** Walks one report down a path; answers what it cost in requests, units, states and e-mails. */
async function walk(api: BenchApi, path: Path) {
  const region = DEMO_REGIONS.find((d) => d.region.id === path.region)!;
  const approver = { opd: region.opds.disdik!.head!.email, bkpp: region.contacts.bkpp.email, ppk: region.contacts.ppk.email };
  await api.settle();
  await api.resetMeter();

  const submitted = await api.request('/v1/reports', {
    method: 'POST', key: api.keys[path.region]!, json: reportBody({ category: 'KAMPANYE', ...path.body }), headers: { 'idempotency-key': `cost-${Date.now()}-${path.name.replace(/\W+/g, '-')}` },
  });
  if (submitted.status !== 202) throw new Error(`${path.name}: intake answered ${submitted.status}`);
  const { id, receiptCode } = (await submitted.json()) as { id: string; receiptCode: string };
  let apiCalls = 1;

  for (const decision of path.decisions) {
    const mail = await until(`the ${decision.role} e-mail of ${receiptCode}`, async () =>
      (await outbox(api)).find((m) => m.to.includes(approver[decision.role]) && m.subject.includes(receiptCode) && m.subject.includes('Mohon keputusan')),
    );
    const link = /https?:\/\/\S+\/decisions\/\S+/.exec(mail.text)![0];
    // The approver opens the page, then submits its form.
    const page = await fetch(link);
    await page.arrayBuffer();
    const posted = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(decision.fields).toString(),
    });
    await posted.arrayBuffer();
    if (page.status !== 200 || posted.status !== 200) throw new Error(`${path.name}: decision page answered ${page.status}/${posted.status}`);
    apiCalls += 2;
  }

  const name = `report-${path.region.replace('.', '-')}-${id}`;
  const execution = await until(`${name} to end`, async () => {
    const record = await api.execution(name);
    return record && record.status !== 'RUNNING' ? record : null;
  });
  if (execution.status !== 'SUCCEEDED') throw new Error(`${path.name}: the execution ${execution.status}`);
  await api.settle();
  // A notice execution of this report (report.received when its inline delivery failed) is counted with it.
  const notices = (await Promise.all(['received', 'overdue'].map((event) => api.execution(`notice-${path.region.replace('.', '-')}-${id}-${event}`)))).filter((n) => n !== null);
  const reading = await api.meter();
  const emails = (await outbox(api)).filter((m) => m.subject.includes(receiptCode)).length;
  const transitions = execution.history.length + notices.reduce((sum, n) => sum + n.history.length, 0);
  return { transitions, history: execution.history, notices: notices.length, apiCalls, emails, ...reading };
}

/** The region reads a report this many times over its life (its system shows it, and prints the case file): each
 *  read writes one access-log entry. An assumption; the full path itself makes no keyed read. */
const ASSUMED_READS_PER_REPORT = 2;
const PRIVACY_BUDGET_PER_1000 = 0.01;

/** Each access-log entry is one line in its function's log (~300 bytes: the entry, its region and id), and, at
 *  netra's volumes, one delivery to the writer of its own: a cold invocation (ASSUMED_INIT_MS) plus this much work. */
const JOURNAL_LINE_BYTES = 300;
const WRITER_RUN_MS = 100;

/** What sealing and the access log add to a full-path report: the seal's KMS requests (counted on the walk) and, for
 *  ASSUMED_READS_PER_REPORT keyed reads, each entry's journal line, its writer invocation and its write units
 *  (measured here, log on minus off, the drain included). */
async function privacyCost(api: BenchApi, kmsRequests: number, writerGb: number, log: (line: string) => void): Promise<BenchResult[]> {
  const { id } = (await (await api.request('/v1/reports', { method: 'POST', json: reportBody() })).json()) as { id: string };
  await api.settle();
  const unitsOfReads = async (mode: 'journal' | 'off') => {
    await api.accessLog(mode);
    await api.resetMeter();
    for (let i = 0; i < 10; i++) await (await api.request(`/v1/reports/${id}`)).arrayBuffer();
    await api.settle(300);
    return (await api.meter()).writeUnits / 10;
  };
  const perRead = (await unitsOfReads('journal')) - (await unitsOfReads('off'));
  await api.accessLog('journal');
  return REGIONS.map((region): BenchResult => {
    const prices = PRICES[region];
    const sealing = kmsRequests * prices.kmsRequest.usd * 1000;
    const writes = ASSUMED_READS_PER_REPORT * perRead * prices.dynamoDbWriteRequestUnit.usd * 1000;
    const journal = ASSUMED_READS_PER_REPORT * 1000 * (
      JOURNAL_LINE_BYTES / 2 ** 30 * prices.cloudWatchLogsIngestedGb.usd
      + prices.lambdaRequest.usd + writerGb * (ASSUMED_INIT_MS + WRITER_RUN_MS) / 1000 * prices.lambdaArmGbSecond.usd);
    const accessLog = writes + journal;
    log(`  ${REGION_NAMES[region]}: sealing $${sealing.toFixed(4)} + access log $${accessLog.toFixed(4)} (writes ${writes.toFixed(4)}, journal line and writer ${journal.toFixed(4)}) per 1,000 full-path reports (${kmsRequests} KMS request(s); ${round(perRead, 2)} WCU per logged read × ${ASSUMED_READS_PER_REPORT} reads)`);
    return {
      name: `full path: sealing and access log per 1,000 reports, ${REGION_NAMES[region]}`, value: round(sealing + accessLog, 4), unit: 'USD',
      ...(region === DEPLOY_REGION ? { target: `≤ ${PRIVACY_BUDGET_PER_1000.toFixed(2)}`, pass: sealing + accessLog <= PRIVACY_BUDGET_PER_1000 } : {}),
      note: `sealing ${sealing.toFixed(4)} (${kmsRequests} KMS request), access log ${accessLog.toFixed(4)}: writes ${writes.toFixed(4)} (${round(perRead, 2)} WCU per read, ${ASSUMED_READS_PER_REPORT} reads assumed), journal ${journal.toFixed(4)} (a ${JOURNAL_LINE_BYTES}-byte log line and a cold ${writerGb * 1024} MB writer invocation per read); the KMS key itself is in the idle cost`,
    };
  });
}

/** The deployed stack's template, synthesized as `cdk synth` does (without bundling). */
function synthesize() {
  const app = new App({ context: { ...EXAMPLE_CONTEXT, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = buildNetraApp(app);
  const assembly = app.synth();
  const parent = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string; Properties?: any }> };
  // The alarms are deployed in a nested stack of their own (docs/adr/0120-alarms-in-a-nested-stack.md): they cost the same.
  const alarms = readNestedTemplate(stack.alarms.stack, assembly.directory);
  const template = { Resources: { ...parent.Resources, ...Object.fromEntries(Object.entries(alarms.Resources).map(([id, r]) => [`Alarms/${id}`, r])) } };
  return { stack, template };
}

/** What exists while nothing happens: anything provisioned, and the fixed monthly costs that remain. */
function idle(template: ReturnType<typeof synthesize>['template']) {
  const resources = Object.values(template.Resources);
  const ofType = (type: string) => resources.filter((r) => r.Type === type);
  const provisioned: string[] = [];
  for (const table of ofType('AWS::DynamoDB::Table')) {
    if (table.Properties.BillingMode !== 'PAY_PER_REQUEST' || table.Properties.ProvisionedThroughput) provisioned.push('a table with provisioned capacity');
  }
  if (resources.some((r) => r.Properties?.ProvisionedConcurrencyConfig)) provisioned.push('provisioned concurrency');
  if (resources.some((r) => r.Type.startsWith('AWS::EC2::') || r.Properties?.VpcConfig)) provisioned.push('a VPC (NAT gateways, endpoints)');
  if (ofType('AWS::ApiGateway::Stage').some((s) => s.Properties.CacheClusterEnabled)) provisioned.push('an API Gateway cache cluster');
  for (const type of ['AWS::RDS::DBInstance', 'AWS::ElastiCache::CacheCluster', 'AWS::Kinesis::Stream', 'AWS::OpenSearchService::Domain', 'AWS::WAFv2::WebACL']) {
    if (ofType(type).length) provisioned.push(type);
  }
  if (ofType('AWS::StepFunctions::StateMachine').some((m) => (m.Properties.StateMachineType ?? 'STANDARD') !== 'STANDARD')) provisioned.push('an Express state machine');
  const alarms = ofType('AWS::CloudWatch::Alarm').length;
  const keys = ofType('AWS::KMS::Key').length;
  const secrets = ofType('AWS::SecretsManager::Secret').length;
  const monthly = (region: PriceRegion) =>
    alarms * FIXED_MONTHLY[region].cloudWatchAlarm.usd + keys * FIXED_MONTHLY[region].kmsKey.usd + secrets * FIXED_MONTHLY[region].secretsManagerSecret.usd;
  return { provisioned, alarms, keys, secrets, monthly };
}

/** Priced where netra runs, first, and in US East beside it. */
const REGIONS: PriceRegion[] = [DEPLOY_REGION, 'us-east-1'];

export const reportCost: BenchSection = {
  name: 'report-cost',
  description: `what a report costs on each workflow path (list prices of ${PRICES_AS_OF}), and what the stack costs idle`,
  async run({ tmpDir, log }) {
    const { stack, template } = synthesize();
    const functions = deployedFunctions();
    const pascal = (file: string) => file.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());
    /** The construct id netra-stack.ts gives each function: Authorizer, Route<Name>, Step<Name>. */
    const constructId = (name: string) =>
      name === 'http/authorizer' ? 'Authorizer' : name.startsWith('http/') ? `Route${pascal(name.slice(5))}` : `Step${pascal(name.slice(6))}`;
    const memoryGb = (name: string) => {
      const fn = stack.functions.get(constructId(name));
      if (!fn) throw new Error(`no deployed function ${constructId(name)} for ${name}`);
      return Number((fn.node.defaultChild as CfnFunction).memorySize) / 1024;
    };
    const writerGb = () => Number((stack.functions.get('AccessLogWriter')!.node.defaultChild as CfnFunction).memorySize) / 1024;
    const readsSecret = new Set(functions.filter((fn) => fn.needs.linkSecret).map((fn) => fn.name));

    const dynamo = await startDynamoLocal();
    const api = await startBenchApi({ endpoint: dynamo.endpoint, table: 'bench-cost', dataDir: join(tmpDir, 'report-cost-api'), meter: true });
    const rows: BenchResult[] = [];
    try {
      const settings = await api.request('/v1/directory/settings', {
        method: 'PUT', key: api.keys['34.01']!, json: { opdReview: { remindAfter: 'PT1S', deadline: 'PT2S' } },
      });
      if (settings.status !== 200) throw new Error(`settings answered ${settings.status}`);
      // One report down the first path before measuring, so every handler is loaded.
      await walk(api, PATHS[1]!);

      for (const path of PATHS) {
        const r = await walk(api, path);
        const invocations = r.invocations.length;
        const gbSeconds = r.invocations.reduce((sum, call) => sum + memoryGb(call.fn) * (Math.ceil(call.ms) + ASSUMED_INIT_MS) / 1000, 0);
        const secretReads = r.invocations.filter((call) => readsSecret.has(call.fn)).length;
        const priced = (region: PriceRegion) => {
          const prices = PRICES[region];
          const usd = {
            'Step Functions': r.transitions * prices.stepFunctionsStandardPerTransition.usd,
            'Lambda requests': invocations * prices.lambdaRequest.usd,
            'Lambda GB-s': gbSeconds * prices.lambdaArmGbSecond.usd,
            'DynamoDB writes': r.writeUnits * prices.dynamoDbWriteRequestUnit.usd,
            'DynamoDB reads': r.readUnits * prices.dynamoDbReadRequestUnit.usd,
            SES: r.emails * prices.sesEmail.usd,
            'API Gateway': r.apiCalls * prices.apiGatewayRestRequest.usd,
            'Secrets Manager': secretReads * prices.secretsManagerApiCall.usd,
            // Sealing the reporter at intake: one GenerateDataKey.
            KMS: r.kmsRequests * prices.kmsRequest.usd,
          };
          return { usd, per1000: Object.values(usd).reduce((a, b) => a + b, 0) * 1000 };
        };
        const full = path === PATHS[0];
        log(`${path.name}: ${r.history.join(' → ')}`);
        for (const region of REGIONS) {
          const { usd, per1000 } = priced(region);
          log(`  ${REGION_NAMES[region]}: $${per1000.toFixed(3)} per 1,000: ${Object.entries(usd).map(([what, v]) => `${what} ${(v * 1000).toFixed(3)}`).join(', ')}`);
        }
        const counts = Object.entries(r.invocations.reduce<Record<string, number>>((acc, call) => ({ ...acc, [call.fn]: (acc[call.fn] ?? 0) + 1 }), {}));
        log(`  invocations: ${counts.map(([fn, n]) => `${fn} ${n}`).join(', ')}`);
        log(`  DynamoDB calls: ${Object.entries(r.byCommand).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ')}`);
        rows.push(
          { name: `${path.name}: state transitions`, value: r.transitions, unit: '' },
          { name: `${path.name}: Lambda invocations`, value: invocations, unit: '', note: `${round(gbSeconds, 2)} GB-s with ${ASSUMED_INIT_MS} ms init each (assumed all cold)` },
          { name: `${path.name}: API calls`, value: r.apiCalls, unit: '', note: `and ${r.invocations.filter((c) => c.fn === 'http/authorizer').length} authorizer runs` },
          { name: `${path.name}: DynamoDB write units`, value: round(r.writeUnits, 1), unit: 'WCU', note: `${r.calls} round trips` },
          { name: `${path.name}: DynamoDB read units`, value: round(r.readUnits, 1), unit: 'RCU' },
          { name: `${path.name}: e-mails`, value: r.emails, unit: '', note: `${secretReads} Secrets Manager reads (one per cold start)` },
          ...REGIONS.map((region): BenchResult => {
            const { usd, per1000 } = priced(region);
            // The budget holds where netra runs.
            const budget = full && region === DEPLOY_REGION;
            return {
              name: `${path.name}: cost per 1,000 reports, ${REGION_NAMES[region]}`, value: round(per1000, 3), unit: 'USD',
              ...(budget ? { target: `≤ ${BUDGET_PER_1000.toFixed(2)}`, pass: per1000 <= BUDGET_PER_1000 } : {}),
              note: `SFN ${(usd['Step Functions'] * 1000).toFixed(3)}, SES ${(usd.SES * 1000).toFixed(3)}, Lambda ${((usd['Lambda requests'] + usd['Lambda GB-s']) * 1000).toFixed(3)}, DynamoDB ${((usd['DynamoDB writes'] + usd['DynamoDB reads']) * 1000).toFixed(3)}, APIGW ${(usd['API Gateway'] * 1000).toFixed(3)}, SM ${(usd['Secrets Manager'] * 1000).toFixed(3)}, KMS ${(usd.KMS * 1000).toFixed(4)}`,
            };
          }),
        );
        if (full) rows.push(...await privacyCost(api, r.kmsRequests, writerGb(), log));
      }
    } finally {
      await api.stop();
      await dynamo.stop();
    }

    const idleCost = idle(template);
    log(`idle: ${idleCost.provisioned.length ? `provisioned: ${idleCost.provisioned.join(', ')}` : 'nothing provisioned'}; ${idleCost.alarms} alarms, ${idleCost.keys} KMS key(s), ${idleCost.secrets} secret(s)`);
    rows.push(
      { name: 'provisioned capacity while idle', value: idleCost.provisioned.length, unit: 'resources', target: '0', pass: idleCost.provisioned.length === 0, note: idleCost.provisioned.join(', ') || 'on-demand table, no provisioned concurrency, no VPC, no cache, Standard workflow' },
      ...REGIONS.map((region): BenchResult => ({
        name: `fixed cost while idle, ${REGION_NAMES[region]}`, value: round(idleCost.monthly(region), 2), unit: 'USD/month',
        note: `${idleCost.alarms} alarms, ${idleCost.keys} KMS key, ${idleCost.secrets} secret (list prices; the first 10 alarms are free)`,
      })),
    );
    return rows;
  },
};
