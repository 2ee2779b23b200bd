// `npm run soak -- --minutes N [--seed S]`: its own local stack (ports 3150-3199, a fresh data dir), N minutes of a
// realistic mix of callers while faults drawn from the seed hit it, then the stack settles and every invariant is
// checked (check.ts). Prints `soak: N reports, F faults, lost 0, doubled 0, drift 0`; exits 1 on any violation, with the
// seed to replay it. All its traffic goes to 127.0.0.1; it stops by itself. See docs/soak.md.
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_REGIONS } from '../infra/local/demo-data.ts';
import { check, unsettled, type Findings } from './check.ts';
import { planFaults, playFaults, type PlayedFault } from './faults.ts';
import { OutboxReader } from './outbox.ts';
import { seededRandom } from './random.ts';
import { WebhookReceiver } from './receiver.ts';
import { freePortIn, SoakStack } from './stack.ts';
import { Traffic } from './traffic.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    seed: { type: 'string' },
    'settle-minutes': { type: 'string', default: '10' },
    'data-dir': { type: 'string' },
    'time-scale': { type: 'string', default: '0.05' },
  },
});
const minutes = Number(values.minutes);
const settleMinutes = Number(values['settle-minutes']);
const timeScale = Number(values['time-scale']);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!(minutes > 0 && minutes <= 24 * 60) || !(settleMinutes > 0 && settleMinutes <= 60) || !Number.isInteger(seed) || seed < 0 || !(timeScale > 0 && timeScale <= 1)) {
  console.error('usage: npm run soak -- --minutes N (0 < N <= 1440) [--seed S (a non-negative integer)] [--settle-minutes M (default 10)] [--time-scale F (0 < F <= 1, default 0.05)] [--data-dir DIR]');
  process.exit(2);
}

const started = Date.now();
const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), `netra-soak-${seed}-${started}`));
mkdirSync(dataDir, { recursive: true });
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s`;
const say = (line: string) => console.log(`[soak ${elapsed()}] ${line}`);

const random = seededRandom(seed);
// The receiver's secrets: one per region, from the seed (the stack gets them through PUT /v1/directory/contacts).
const secrets = new Map(DEMO_REGIONS.map((demo) => [demo.region.id, `soak-${seed}-webhook-secret-${demo.region.id}`]));
const taken = new Set<number>();
const port = await freePortIn(3150, 3199);
taken.add(port);
const dynamoPort = await freePortIn(3150, 3199, taken);
taken.add(dynamoPort);
const receiverPort = await freePortIn(3150, 3199, taken);
const stackLog = createWriteStream(join(dataDir, 'stack.log'), { flags: 'a' });
const stack = new SoakStack({
  dataDir, port, dynamoPort, log: stackLog,
  // Retries at a twentieth of their deployed waits by default (as test/faults/ runs them), so the settling takes
  // minutes; function timeouts, the mark's in-step retry window and the lease are not scaled. At 0.05 a Bawaslu
  // notice gives up after about 6 minutes instead of 2 hours: back-to-back faults can outlast that (docs/soak.md).
  env: { NETRA_RECONCILE_SECONDS: '10', NETRA_WORKFLOW_TIME_SCALE: String(timeScale), POWERTOOLS_LOG_LEVEL: 'WARN' },
});
const receiver = new WebhookReceiver(receiverPort, secrets, random.fork('receiver'));
const plan = planFaults(random.fork('faults'), minutes * 60);

let finished = false;
const abort = (signal: string) => {
  if (finished) return;
  finished = true;
  console.error(`soak interrupted (${signal}); seed ${seed}; data in ${dataDir}`);
  stack.killNow();
  process.exit(130);
};
process.on('SIGINT', () => abort('SIGINT'));
process.on('SIGTERM', () => abort('SIGTERM'));
// The whole run is bounded: traffic, the settling, the checks and an allowance for starts and stops.
const hardStop = setTimeout(() => {
  console.error(`soak: over its time bound; seed ${seed}; data in ${dataDir}`);
  stack.killNow();
  process.exit(3);
}, (minutes + settleMinutes + 20) * 60_000);
hardStop.unref();

say(`seed ${seed}, ${minutes} min of traffic, retries at ${timeScale}× their deployed waits, ${plan.length} faults planned; stack on :${port}, DynamoDB Local on :${dynamoPort}, webhook receiver on :${receiverPort}; data in ${dataDir}`);
writeFileSync(join(dataDir, 'plan.json'), `${JSON.stringify({ seed, minutes, plan }, null, 2)}\n`);

let played: PlayedFault[] = [];
let findings: Findings | undefined;
let reportCount = 0;
try {
  await stack.startDynamo();
  await receiver.listen();
  await stack.start();
  const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8')) as Record<string, string>;
  const outbox = new OutboxReader(dataDir);
  const traffic = new Traffic({ url: stack.url, keys, random: random.fork('traffic'), outbox, webhookUrl: receiver.url, secrets, seed });
  await traffic.setUp();
  say('stack up; traffic and faults start');

  const trafficStart = Date.now();
  const until = trafficStart + minutes * 60_000;
  let faultsDone = false;
  const progress = setInterval(() => {
    const accepted = traffic.reports.filter((r) => r.id).length;
    say(`${accepted} reports accepted, ${traffic.tally.decisions} decisions, ${traffic.tally.requests} requests, ${outbox.count} e-mails read, ${receiver.received.length} webhooks received`);
  }, 60_000);
  const [faults] = await Promise.all([
    playFaults(plan, trafficStart, { stack, receiver }, say, () => Date.now() >= until).finally(() => (faultsDone = true)),
    traffic.run(until),
  ]);
  played = faults;
  if (!faultsDone) throw new Error('faults still playing after the traffic ended');
  say(`traffic over: ${traffic.tally.requests} requests; every fault lifted; settling (at most ${settleMinutes} min)`);

  // Settling: what clients do after an outage (retry a submission with its key, resend a decision whose answer was
  // lost), until the workflow is quiet or the bound passes.
  const settleUntil = Date.now() + settleMinutes * 60_000;
  const context = { url: stack.url, dataDir, dynamoEndpoint: stack.dynamoEndpoint, keys, traffic, outbox, received: receiver.received, crashes: stack.crashes, outages: stack.outages };
  let left = unsettled(context);
  let lastSaid = 0;
  while (left.length && Date.now() < settleUntil) {
    await traffic.settle();
    await new Promise((r) => setTimeout(r, 5_000));
    left = unsettled(context);
    if (left.length && Date.now() - lastSaid > 60_000) {
      say(`settling: ${left.length} thing(s) still moving, e.g. ${left.slice(0, 3).join('; ')}`);
      lastSaid = Date.now();
    }
  }
  clearInterval(progress);
  say(left.length ? `not settled after ${settleMinutes} min: ${left.length} left; checking anyway` : 'settled; checking every invariant');
  findings = await check(context);
  reportCount = traffic.reports.filter((r) => r.id).length;
  const t = traffic.tally;
  say(`figures: ${t.requests} requests (${[...t.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${n}×${s}`).join(', ')}); ${t.decisions} decisions (${t.concurrentPosts} posted twice at once, ${t.handedOverAnswers} met a hand-over); ` +
    `${t.signaturesSent} signature rows sent in ${traffic.uploads.length} confirmed uploads; ${t.activities} Satgas activities; ${t.directoryChanges} directory changes; ` +
    `${outbox.count} e-mails; webhooks: ${receiver.stats.attempts} attempts, ${receiver.received.length} received, ${receiver.stats.failed} answered 500, ${receiver.stats.slow} slow (${receiver.stats.abandoned} abandoned by the sender)`);
  say(`faults played: ${summariseFaults(played)}`);
  for (const line of findings.explained) say(`allowed by the docs: ${line}`);
  // Kept for whoever investigates: what the receiver got, and every finding.
  writeFileSync(join(dataDir, 'webhooks.json'), `${JSON.stringify(receiver.received, null, 1)}\n`);
  writeFileSync(join(dataDir, 'findings.json'), `${JSON.stringify({ seed, played, crashes: stack.crashes, outages: stack.outages, findings }, null, 1)}\n`);
} catch (error) {
  console.error(`soak: the harness failed: ${(error as Error).stack ?? error}`);
} finally {
  finished = true;
  await receiver.close().catch(() => undefined);
  await stack.stop().catch(() => stack.killNow());
  stackLog.end();
}

if (!findings) {
  console.log(`soak: ${reportCount} reports, ${played.length} faults, not checked (the harness failed); seed ${seed}; data in ${dataDir}`);
  process.exit(1);
}
const violations = [...findings.lost.map((l) => `lost: ${l}`), ...findings.doubled.map((d) => `doubled: ${d}`), ...findings.drift.map((d) => `drift: ${d}`), ...findings.problems.map((p) => `problem: ${p}`)];
for (const line of violations.slice(0, 200)) console.log(`  ${line}`);
if (violations.length > 200) console.log(`  ... and ${violations.length - 200} more`);
console.log(`soak: ${reportCount} reports, ${played.length} faults, lost ${findings.lost.length}, doubled ${findings.doubled.length}, drift ${findings.driftTotal}` +
  (findings.problems.length ? `, ${findings.problems.length} other problem(s)` : ''));
if (violations.length) {
  console.log(`soak FAILED: replay with npm run soak -- --minutes ${minutes} --seed ${seed} (data kept in ${dataDir})`);
  process.exit(1);
}
process.exit(0);

function summariseFaults(faults: PlayedFault[]): string {
  const byKind = new Map<string, { n: number; ms: number }>();
  for (const f of faults) {
    const entry = byKind.get(f.kind) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += f.endedAt - f.startedAt;
    byKind.set(f.kind, entry);
  }
  return [...byKind].map(([kind, { n, ms }]) => `${n}× ${kind} (${(ms / 1000).toFixed(0)} s)`).join(', ') || 'none';
}
