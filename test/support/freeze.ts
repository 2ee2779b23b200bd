// A DynamoDB outage against a running `npm start`: reports submitted, its own DynamoDB Local frozen with
// SIGSTOP while they are in flight, resumed with SIGCONT, then every report checked until it is in its next
// wait with its approver e-mailed and the stats equal to the reports' statuses; once every execution waits,
// the outbox says how many approvers got their e-mail more than once. Used by
// test/faults/dynamodb-freeze.test.ts and bench/fault-freeze.ts.
import { mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { DEMO_REGIONS, DEMO_REPORT } from '../../infra/local/demo-data.ts';

export interface FreezeOptions {
  url: string;
  dataDir: string;
  regionId: string;
  /** Reports submitted just before the freeze (each with its own Idempotency-Key). */
  reports: number;
  /** Reports attempted while frozen; their clients retry with the same key after the outage. */
  duringOutage: number;
  freezeMs: number;
  /** How long convergence may take after SIGCONT before the scenario gives up. */
  settleMs: number;
  label: string;
}

export interface FreezeResult {
  accepted: string[];
  /** Milliseconds from SIGCONT until every report was in its wait, e-mailed once, and the counts exact. */
  convergedMs: number;
  /** What was wrong at the end, if it did not converge (empty when it did). */
  problems: string[];
  answersDuringOutage: number[];
  repairs: number;
  /** Reports whose approver got their request e-mail more than once, counted from the outbox once every
   *  report's execution waits on its decision (so no step that could still send is running). */
  duplicateMails: number;
}

interface OutboxMail { to: string[]; subject: string; text: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function json(response: Response) {
  return response.headers.get('content-type')?.includes('json') ? response.json() : null;
}

export async function freezeScenario(options: FreezeOptions): Promise<FreezeResult> {
  const keys = JSON.parse(readFileSync(join(options.dataDir, 'demo-keys.json'), 'utf8'));
  const local = JSON.parse(readFileSync(join(options.dataDir, 'local.json'), 'utf8'));
  const key = keys[options.regionId];
  const demo = DEMO_REGIONS.find((d) => d.region.id === options.regionId)!;
  const opdHead = demo.opds.disdik!.head!.email;
  const submit = (idempotencyKey: string, timeoutMs = 60_000) => fetch(`${options.url}/v1/reports`, {
    method: 'POST', signal: AbortSignal.timeout(timeoutMs),
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(DEMO_REPORT),
  });
  const get = (path: string) => fetch(`${options.url}${path}`, { headers: { 'x-api-key': key, accept: 'application/json' }, signal: AbortSignal.timeout(20_000) });

  const accepted = new Map<string, string>(); // idempotency key -> report id
  const submissions = Array.from({ length: options.reports }, (_, i) => `${options.label}-${i}`);
  await Promise.all(submissions.map(async (k) => {
    const response = await submit(k);
    if (response.status === 202) accepted.set(k, (await response.json()).id);
  }));

  // Frozen the moment the first of their e-mails is written, from the file watcher's callback (about a
  // millisecond later): the step that sent it, and others close behind, are between their send and its mark.
  await freezeAtFirstMail();
  const answersDuringOutage: number[] = [];
  const retryLater: string[] = [];
  try {
    const during = Array.from({ length: options.duringOutage }, (_, i) => `${options.label}-outage-${i}`);
    const attempts = during.map(async (k) => {
      const response = await submit(k, options.freezeMs).catch(() => null);
      answersDuringOutage.push(response?.status ?? 0);
      if (response?.status === 202) accepted.set(k, (await response.json()).id);
      else retryLater.push(k);
    });
    await sleep(options.freezeMs);
    await Promise.allSettled(attempts);
  } finally {
    process.kill(local.dynamoPid, 'SIGCONT');
  }
  const resumedAt = Date.now();
  // The clients whose submission failed retry with the same key until it is accepted.
  for (const k of retryLater) {
    for (let attempt = 0; attempt < 30 && !accepted.has(k); attempt++) {
      const response = await submit(k).catch(() => null);
      if (response?.status === 202) accepted.set(k, (await response.json()).id);
      else await sleep(1_000);
    }
  }

  let problems: string[] = ['not checked'];
  while (Date.now() - resumedAt < options.settleMs) {
    problems = await check().catch((error: Error) => [`check failed: ${error.message}`]);
    if (problems.length === 0) break;
    await sleep(1_000);
  }
  const convergedMs = Date.now() - resumedAt;
  // Duplicates are counted when nothing can send any more: every report's execution waits on its decision.
  let waiting = notWaiting();
  while (waiting.length && Date.now() - resumedAt < options.settleMs + 60_000) {
    await sleep(500);
    waiting = notWaiting();
  }
  if (waiting.length) problems.push(`not waiting on the OPD head's decision: ${waiting.join(', ')}`);
  const { duplicates, strays } = await countMails();
  problems.push(...strays);
  const repairs = await countRepairs().catch(() => -1);
  return { accepted: [...accepted.values()], convergedMs, problems, answersDuringOutage, repairs, duplicateMails: duplicates };

  /** SIGSTOP when a new message lands in the outbox (or after 10 s without one: then while they are reading). */
  async function freezeAtFirstMail(): Promise<void> {
    const dir = join(options.dataDir, 'outbox');
    mkdirSync(dir, { recursive: true });
    const before = new Set(readdirSync(dir));
    await new Promise<void>((resolve) => {
      let frozen = false;
      const freeze = () => {
        if (frozen) return;
        frozen = true;
        watcher.close();
        clearTimeout(timer);
        process.kill(local.dynamoPid, 'SIGSTOP');
        resolve();
      };
      const watcher = watch(dir, (_, name) => {
        if (name?.endsWith('.json') && !before.has(name)) freeze();
      });
      const timer = setTimeout(freeze, 10_000);
      // Written between the listing and the watch.
      if (readdirSync(dir).some((name) => name.endsWith('.json') && !before.has(name))) freeze();
    });
  }

  /** The accepted reports whose running execution (in the runner's files) is not in the OPD review's wait. */
  function notWaiting(): string[] {
    const dir = join(options.dataDir, 'executions');
    const waits = new Map<string, boolean>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      let record: { input: { reportId: string }; status: string; waiting?: { stateName: string } };
      try {
        record = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch {
        continue; // being renamed into place
      }
      if (record.status !== 'RUNNING') continue;
      waits.set(record.input.reportId, waits.get(record.input.reportId) || record.waiting?.stateName === 'OpdAwaitDecision');
    }
    return [...accepted.values()].filter((id) => !waits.get(id));
  }

  /** From the outbox: reports whose OPD head got their request more than once, and any e-mail about an accepted
   *  report to anyone else (nobody else is asked before the OPD head decides). */
  async function countMails(): Promise<{ duplicates: number; strays: string[] }> {
    const mails: OutboxMail[] = (await (await get('/local/outbox')).json()).messages;
    const reports = await Promise.all([...accepted.values()].map(async (id) => json(await get(`/v1/reports/${id}`))));
    let duplicates = 0;
    const strays: string[] = [];
    for (const report of reports) {
      if (!report) continue;
      const about = mails.filter((m) => m.subject.includes(report.receiptCode));
      const requests = about.filter((m) => m.to.includes(opdHead) && !m.subject.includes('Pengingat'));
      if (requests.length > 1) duplicates++;
      const others = about.filter((m) => !m.to.includes(opdHead));
      if (others.length) strays.push(`${report.id}: e-mailed to ${others.map((m) => m.to.join(',')).join('; ')}`);
    }
    return { duplicates, strays };
  }

  async function check(): Promise<string[]> {
    const found: string[] = [];
    const mails = (await (await get('/local/outbox')).json()).messages;
    const reports = await Promise.all([...accepted.values()].map(async (id) => json(await get(`/v1/reports/${id}`))));
    for (const report of reports) {
      if (!report) { found.push('a report could not be read'); continue; }
      if (report.status !== 'AWAITING_OPD_REVIEW') found.push(`${report.id} is ${report.status}`);
      const asked = mails.filter((m: OutboxMail) => m.to.includes(opdHead) && m.subject.includes(report.receiptCode));
      const links = new Set(asked.map((m: OutboxMail) => /\/decisions\/\S+/.exec(m.text)?.[0]));
      if (asked.length === 0) found.push(`${report.id}: the OPD head was not e-mailed`);
      if (links.size > 1) found.push(`${report.id}: the OPD head got ${links.size} different links`);
      const requested = report.timeline.filter((e: { action: string }) => e.action === 'DECISION_REQUESTED').length;
      if (requested !== 1) found.push(`${report.id}: ${requested} DECISION_REQUESTED entries`);
      if (report.timeline.filter((e: { action: string }) => e.action === 'SUBMITTED').length !== 1) found.push(`${report.id}: SUBMITTED twice`);
    }
    // Every report of the region, against the counters.
    const all: { status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { status: string }[]; nextCursor: string | null } = await (await get(`/v1/reports?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const stats = await (await get('/v1/stats?electionId=pilkada-2024')).json();
    const byStatus: Record<string, number> = {};
    for (const r of all) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    for (const [status, count] of Object.entries(stats.byStatus as Record<string, number>)) {
      if ((byStatus[status] ?? 0) !== count) found.push(`stats say ${count} ${status}, the reports ${byStatus[status] ?? 0}`);
    }
    if (stats.total !== all.length) found.push(`stats say ${stats.total} reports, there are ${all.length}`);
    return found;
  }

  async function countRepairs(): Promise<number> {
    const reports = await Promise.all([...accepted.values()].map(async (id) => json(await get(`/v1/reports/${id}`))));
    return reports.reduce((n, r) => n + (r?.timeline ?? []).filter((e: { action: string }) => e.action === 'WORKFLOW_REPAIRED').length, 0);
  }
}
