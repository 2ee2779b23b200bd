// The soak's invariants, checked once the stack has settled: every report where its decisions put it (or waiting with
// one live link), no approver e-mailed twice for a step beyond what docs/soak.md names, Bawaslu told exactly once per
// event, every counter equal to a recount of what is stored, every timeline chain intact, every signature the API
// confirmed stored and counted once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxReader, Mail } from './outbox.ts';
import type { Delivery } from './receiver.ts';
import { ROUTE_TIMEOUT_SECONDS } from '../functions/support/time-budget.ts';
import { ELECTION, expectedStatus, type Traffic, type TrackedReport } from './traffic.ts';

export interface Findings {
  /** Something the stack accepted that is gone or stranded: a report, a notice, a link, a signature. */
  lost: string[];
  /** Something done twice that the docs do not allow. */
  doubled: string[];
  /** Counters that differ from a recount: `what: counted vs recount`. */
  drift: string[];
  /** The sum of |counted - recount| over every counter. */
  driftTotal: number;
  /** Every other broken promise (a wrong status, a broken chain, a 500). */
  problems: string[];
  /** Repeats the docs name (a crash between a send and its mark): counted, allowed. */
  explained: string[];
}

export interface CheckContext {
  url: string;
  dataDir: string;
  dynamoEndpoint: string;
  keys: Record<string, string>;
  traffic: Traffic;
  outbox: OutboxReader;
  received: readonly Delivery[];
  /** When the stack was SIGKILLed (ms). */
  crashes: readonly number[];
  /** When DynamoDB Local was frozen or down. */
  outages: readonly { from: number; to: number }[];
}

/** How long after a notice's send its step retries the mark: StartReview sends report.received inline in a 30 s
 *  function; the notice steps run 5 minutes (README "One live link per step", "Exactly-once notices"). */
const MARK_WINDOW_MS: Record<string, number> = Object.assign(Object.create(null), { 'report.received': 30_000 });
const NOTICE_WINDOW_MS = 295_000;

/** How long a hand-over's sender tries its mark: the directory PUT (or the reconciler's run) that sent it writes the
 *  mark once (lib/mark-sent.ts: no deadline outside a step), within one DynamoDB call and the route's 10 s budget.
 *  A database out from such a send past this is the named repeat: the claim runs out and the reconciler sends again. */
const HAND_OVER_WINDOW_MS = ROUTE_TIMEOUT_SECONDS * 1000;

const WAIT_STATES: Record<string, RegExp> = Object.assign(Object.create(null), {
  AWAITING_OPD_REVIEW: /^OpdAwaitDecision/, AWAITING_BKPP_ASSESSMENT: /^BkppAwaitDecision/, AWAITING_PPK_DECISION: /^PpkAwaitDecision/,
});
const CLOSED = new Set(['SANCTIONED', 'DISMISSED']);

/** Each report's running execution's wait state, from the local runner's files ('' when it runs but does not wait). */
export function waitingExecutions(dataDir: string): Map<string, string[]> {
  const dir = join(dataDir, 'executions');
  const waits = new Map<string, string[]>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return waits;
  }
  for (const file of files) {
    try {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { input: { reportId: string }; status: string; waiting?: { stateName: string } };
      if (record.status !== 'RUNNING') continue;
      waits.set(record.input.reportId, [...(waits.get(record.input.reportId) ?? []), record.waiting?.stateName ?? '']);
    } catch {
      // being renamed into place
    }
  }
  return waits;
}

/** What still moves, judged from local files only (cheap enough to ask every few seconds while settling). */
export function unsettled(context: CheckContext): string[] {
  const { traffic, outbox, received, dataDir } = context;
  outbox.refresh();
  const waits = waitingExecutions(dataDir);
  const told = new Set(received.map((d) => `${d.reportId} ${d.event}`));
  const left: string[] = traffic.unconfirmed.map((u) => `${u.regionId}: an upload of ${u.signatories.length} signatories not confirmed yet`);
  for (const report of traffic.reports) {
    if (!report.id) {
      left.push(`${report.key}: not accepted yet`);
      continue;
    }
    if (report.unsure) left.push(`${report.id}: a decision without an answer`);
    const expected = expectedStatus(report);
    if (!told.has(`${report.id} report.received`)) left.push(`${report.id}: report.received not delivered`);
    if (CLOSED.has(expected)) {
      if (!told.has(`${report.id} report.closed`)) left.push(`${report.id}: report.closed not delivered`);
      if (!outbox.about(report.receiptCode!).some(isClosingMail)) left.push(`${report.id}: closing e-mail not sent`);
    } else if (!(waits.get(report.id) ?? []).some((state) => WAIT_STATES[expected]?.test(state))) {
      left.push(`${report.id}: not waiting at ${expected}`);
    }
  }
  return left;
}

const isClosingMail = (mail: Mail) => / selesai: /.test(mail.subject);

/** Whether the database was out from (about) a send until its sender's mark gave up: the docs' "outage longer than
 *  the sender's window". Strict on purpose: out within 2 s of the send and still out a whole window after it. */
export function outageAfterOf(outages: CheckContext['outages']): (sentAt: number, windowMs: number) => boolean {
  return (sentAt, windowMs) => outages.some((o) => o.from <= sentAt + 2_000 && o.to >= sentAt + windowMs);
}

export async function check(context: CheckContext): Promise<Findings> {
  const findings: Findings = { lost: [], doubled: [], drift: [], driftTotal: 0, problems: [], explained: [] };
  const { traffic, outbox } = context;
  outbox.refresh();
  const crashBetween = (from: number, to: number) => context.crashes.some((at) => at >= from && at <= to);
  const outageAfter = outageAfterOf(context.outages);
  const verify = await chainVerifier(context);
  const waits = waitingExecutions(context.dataDir);
  const deliveries = new Map<string, Delivery[]>();
  for (const d of context.received) deliveries.set(`${d.reportId} ${d.event}`, [...(deliveries.get(`${d.reportId} ${d.event}`) ?? []), d]);
  const known = new Set(traffic.reports.map((r) => r.id));
  for (const d of context.received) if (!known.has(d.reportId)) findings.problems.push(`webhook ${d.event} about a report nobody submitted: ${d.reportId}`);
  const statuses = new Map<string, Map<string, number>>(); // region -> status -> reports

  await inBatches(traffic.reports, 8, async (report) => {
    if (!report.id) {
      findings.problems.push(`${report.key} (${report.regionId}): never accepted, retried with its key through the settling`);
      return;
    }
    const found = await get(context, report.regionId, `/v1/reports/${report.id}`);
    if (found.status === 404) {
      findings.lost.push(`${report.id}: accepted (202), then not found`);
      return;
    }
    if (found.status !== 200) {
      findings.problems.push(`${report.id}: GET answered ${found.status}`);
      return;
    }
    const stored = found.json as {
      status: string; bawasluNotifiedAt?: string; decisions: { step: string; outcome: string }[]; timeline: { action: string }[];
    };
    const byStatus = statuses.get(report.regionId) ?? new Map<string, number>();
    byStatus.set(stored.status, (byStatus.get(stored.status) ?? 0) + 1);
    statuses.set(report.regionId, byStatus);
    checkReport(report, stored, findings, waits);
    const verification = await verify(report.regionId, report.id);
    if (!verification.intact) findings.problems.push(`${report.id}: timeline chain broken: ${verification.text}`);
    await checkLinks(context, report, stored.status, findings);
    checkMails(report, stored.status, outbox.about(report.receiptCode!), findings, crashBetween, outageAfter);
    checkNotices(report, stored.status, deliveries, findings, crashBetween, outageAfter);
  });

  await checkCounters(context, statuses, findings);
  await checkStore(context, findings);
  for (const u of traffic.unconfirmed) findings.problems.push(`${u.regionId}: an upload of ${u.signatories.length} signatories never answered 200, sent through the settling`);
  for (const error of traffic.tally.serverErrors) findings.problems.push(`an answer no caller should get: ${error}`);
  for (const broken of traffic.tally.broken) findings.problems.push(broken);
  return findings;
}

function checkReport(report: TrackedReport, stored: { status: string; bawasluNotifiedAt?: string; decisions: { step: string; outcome: string }[]; timeline: { action: string }[] },
  findings: Findings, waits: Map<string, string[]>): void {
  const expected = expectedStatus(report);
  if (stored.status !== expected) findings.problems.push(`${report.id} (${report.path}): ${stored.status}, its decisions say ${expected}`);
  const decided = stored.decisions.map((d) => `${d.step}:${d.outcome}`).join(',');
  const confirmed = report.applied.map((d) => `${d.step}:${d.outcome}`).join(',');
  if (decided !== confirmed) findings.problems.push(`${report.id}: decisions ${decided || 'none'}, confirmed to the approvers ${confirmed || 'none'}`);
  const count = (action: string) => stored.timeline.filter((e) => e.action === action).length;
  if (count('SUBMITTED') !== 1) findings.doubled.push(`${report.id}: ${count('SUBMITTED')} SUBMITTED entries`);
  if (CLOSED.has(stored.status)) {
    if (!stored.bawasluNotifiedAt || count('BAWASLU_NOTIFIED') === 0) findings.lost.push(`${report.id}: closed, Bawaslu's e-mail not marked sent`);
    if (count('BAWASLU_NOTIFIED') > 1) findings.doubled.push(`${report.id}: ${count('BAWASLU_NOTIFIED')} BAWASLU_NOTIFIED entries`);
  } else if (!(waits.get(report.id!) ?? []).some((state) => WAIT_STATES[stored.status]?.test(state))) {
    findings.lost.push(`${report.id}: ${stored.status} with no execution waiting on it (${(waits.get(report.id!) ?? []).join(', ') || 'none running'})`);
  }
}

/** Every link ever e-mailed about the report, opened (GET changes nothing): an open report has exactly one that
 *  shows its form, a closed one none. */
async function checkLinks(context: CheckContext, report: TrackedReport, status: string, findings: Findings): Promise<void> {
  const links = [...new Set(context.outbox.about(report.receiptCode!).flatMap((m) => (m.link ? [m.link] : [])))];
  let live = 0;
  for (const link of links) {
    const response = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(30_000) }).catch(() => null);
    await response?.arrayBuffer();
    if (!response || (response.status >= 500)) findings.problems.push(`${report.id}: its link answered ${response?.status ?? 'nothing'}`);
    if (response?.status === 200) live++;
  }
  if (CLOSED.has(status) && live) findings.doubled.push(`${report.id}: closed, ${live} link(s) still live`);
  if (!CLOSED.has(status) && live === 0) findings.lost.push(`${report.id}: ${status} with no live link (of ${links.length} e-mailed)`);
  if (!CLOSED.has(status) && live > 1) findings.doubled.push(`${report.id}: ${status} with ${live} live links`);
}

/** One repeat of a send judged: explained by a crash between it and the send before it, or by an outage from that
 *  send past its sender's window for the mark; else doubled. */
function judgeRepeat(findings: Findings, crashBetween: (from: number, to: number) => boolean,
  outageAfter: (sentAt: number, windowMs: number) => boolean,
  repeat: { what: string; before: number; at: number; windowMs: number; crashed: string; out: string }): void {
  if (crashBetween(repeat.before, repeat.at)) findings.explained.push(`${repeat.what}${repeat.crashed}`);
  else if (outageAfter(repeat.before, repeat.windowMs)) findings.explained.push(`${repeat.what}${repeat.out}`);
  else findings.doubled.push(repeat.what);
}

/** Each link is requested once (reminders repeat it; the docs allow a repeat after a crash between send and mark);
 *  Bawaslu's closing e-mail once per closed report. */
export function checkMails(report: TrackedReport, status: string, mails: Mail[], findings: Findings,
  crashBetween: (from: number, to: number) => boolean, outageAfter: (sentAt: number, windowMs: number) => boolean): void {
  const requests = new Map<string, Mail[]>();
  for (const mail of mails) if (mail.link && !mail.reminder) requests.set(mail.link, [...(requests.get(mail.link) ?? []), mail]);
  const repeats = (sent: Mail[], what: string) => {
    for (let i = 1; i < sent.length; i++) {
      // The sender of the mail before the repeat sets the window: a hand-over's marks once, a step's retries.
      const handOver = sent[i - 1]!.kind === 'hand-over';
      const [windowMs, whose] = handOver ? [HAND_OVER_WINDOW_MS, 'the hand-over sender\'s'] : [NOTICE_WINDOW_MS, 'the step\'s'];
      judgeRepeat(findings, crashBetween, outageAfter, {
        what: `${what} (${i + 1} of ${sent.length})`, before: Date.parse(sent[i - 1]!.sentAt), at: Date.parse(sent[i]!.sentAt), windowMs,
        crashed: ', the stack crashed in between', out: `: DynamoDB was out past ${whose} ${windowMs / 1000} s window for the mark`,
      });
    }
  };
  for (const [link, sent] of requests) repeats(sent, `${report.id}: ${sent[0]!.to.join(',')} got the same link again (${link.split('?')[0]!.split('/').pop()})`);
  const closing = mails.filter(isClosingMail);
  if (CLOSED.has(status) && closing.length === 0) findings.lost.push(`${report.id}: closed, Bawaslu never e-mailed`);
  if (!CLOSED.has(status) && closing.length) findings.problems.push(`${report.id}: open, yet a closing e-mail went out`);
  repeats(closing, `${report.id}: Bawaslu e-mailed its closing again`);
}

function checkNotices(report: TrackedReport, status: string, deliveries: Map<string, Delivery[]>, findings: Findings,
  crashBetween: (from: number, to: number) => boolean, outageAfter: (sentAt: number, windowMs: number) => boolean): void {
  const expect = (event: string, wanted: 0 | 1) => {
    const got = deliveries.get(`${report.id} ${event}`) ?? [];
    if (wanted === 1 && got.length === 0) findings.lost.push(`${report.id}: webhook ${event} never delivered`);
    if (wanted === 0 && got.length) findings.problems.push(`${report.id}: webhook ${event} delivered for a ${status} report`);
    // Each repeat on its own: allowed only after a crash since the delivery before it, or an outage from that
    // delivery's send past its step's window for the mark.
    const windowMs = MARK_WINDOW_MS[event] ?? NOTICE_WINDOW_MS;
    for (let i = 1; i < got.length; i++) {
      judgeRepeat(findings, crashBetween, outageAfter, {
        what: `${report.id}: webhook ${event} delivered again (${i + 1} of ${got.length})`, before: got[i - 1]!.at, at: got[i]!.at, windowMs,
        crashed: ', the stack crashed in between', out: `: DynamoDB was out from the send before it past its step's ${windowMs / 1000} s window for the mark`,
      });
    }
  };
  expect('report.received', 1);
  expect('report.closed', CLOSED.has(status) ? 1 : 0);
  expect('report.overdue', 0);
}

/** GET /v1/stats against the reports' own statuses, per region the callers drive (demo-keys.json also holds the
 *  national bodies' keys, which have no region stats). The demo seed's reports (a national body's recommendations)
 *  are in the region's counters too: they are recounted from the region's list, by their own status. */
async function checkCounters(context: CheckContext, statuses: Map<string, Map<string, number>>, findings: Findings): Promise<void> {
  const known = new Set(context.traffic.reports.map((r) => r.id));
  for (const regionId of new Set(context.traffic.reports.map((r) => r.regionId))) {
    const stats = await get(context, regionId, `/v1/stats?electionId=${ELECTION}`);
    if (stats.status !== 200) {
      findings.problems.push(`stats of ${regionId} answered ${stats.status}`);
      continue;
    }
    const { total, byStatus, overdue } = stats.json as { total: number; byStatus: Record<string, number>; overdue: number };
    const recount = statuses.get(regionId) ?? new Map<string, number>();
    let seededOverdue = 0; // open and overdue (the counter goes down when an overdue report closes)
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const listed = await get(context, regionId, `/v1/reports?electionId=${ELECTION}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (listed.status !== 200) {
        findings.problems.push(`the report list of ${regionId} answered ${listed.status}`);
        break;
      }
      const { items, nextCursor } = listed.json as { items: { id: string; status: string; overdueAt?: string }[]; nextCursor: string | null };
      for (const item of items.filter((i) => !known.has(i.id))) {
        recount.set(item.status, (recount.get(item.status) ?? 0) + 1);
        if (item.overdueAt && !CLOSED.has(item.status)) seededOverdue++;
      }
      cursor = nextCursor;
      if (!cursor) break;
    }
    const all = [...recount.values()].reduce((a, b) => a + b, 0);
    drift(findings, `${regionId} stats total`, total, all);
    for (const status of new Set([...Object.keys(byStatus), ...recount.keys()])) drift(findings, `${regionId} stats ${status}`, byStatus[status] ?? 0, recount.get(status) ?? 0);
    drift(findings, `${regionId} stats overdue`, overdue ?? 0, seededOverdue);
  }
}

/** The table read whole (a recount, never a request path): signatures against the pledge counters and against
 *  what the API confirmed; Satgas activities and risks against their counters. */
async function checkStore(context: CheckContext, findings: Findings): Promise<void> {
  const items = await scanAll(context.dynamoEndpoint);
  const counters = new Map<string, number>(); // counter name -> recount
  const stored = new Map<string, Set<string>>(); // region -> NIPs with a signature
  const counted = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
  for (const item of items) {
    const pk = String(item.PK);
    const sk = String(item.SK);
    const signature = /^REGION#([^#]+)#SIGNATURES#([^#]+)#/.exec(pk);
    if (signature) {
      const [, regionId, electionId] = signature;
      (stored.get(regionId!) ?? stored.set(regionId!, new Set()).get(regionId!)!).add(String(item.nip ?? sk));
      add(counters, `${regionId} PLEDGE#${electionId}#OPD#${item.opdId} signatories`);
      add(counters, `${regionId} PLEDGE#${electionId}#CEREMONY#${item.ceremonyId} signatories`);
      continue;
    }
    const satgas = /^REGION#([^#]+)#SATGAS$/.exec(pk);
    if (satgas && sk.startsWith('ACT#')) {
      const kind = { SOSIALISASI: 'socialisations', IDENTIFIKASI_KERAWANAN: 'identifications', PEMANTAUAN_MEDIA_SOSIAL: 'monitoring' }[String(item.kind)] ?? String(item.kind);
      add(counters, `${satgas[1]} SATGAS#${item.electionId}#OPD#${item.opdId} ${kind}`);
      continue;
    }
    if (satgas && sk.startsWith('RISK#')) {
      const counter = `${satgas[1]} SATGAS#${item.electionId}#OPD#${item.opdId}`;
      add(counters, `${counter} risks`);
      if (item.status === 'TERBUKA') add(counters, `${counter} openRisks`);
      if (item.status === 'TERBUKA' && item.level === 'TINGGI') add(counters, `${counter} highRisks`);
      add(counters, `${counter} cell#${item.status}#${item.stage}#${item.category}#${item.level}`);
      continue;
    }
    const region = /^REGION#([^#]+)$/.exec(pk);
    if (region && (/^PLEDGE#[^#]+#(OPD|CEREMONY)#/.test(sk))) add(counted, `${region[1]} ${sk} signatories`, Number(item.signatories ?? 0));
    if (region && sk.startsWith('SATGAS#')) {
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number' && (['socialisations', 'identifications', 'monitoring', 'risks', 'openRisks', 'highRisks'].includes(name) || name.startsWith('cell#'))) {
          add(counted, `${region[1]} ${sk} ${name}`, value);
        }
      }
    }
  }
  for (const name of new Set([...counters.keys(), ...counted.keys()])) drift(findings, name, counted.get(name) ?? 0, counters.get(name) ?? 0);
  for (const upload of context.traffic.uploads) {
    const missing = upload.nips.filter((nip) => !stored.get(upload.regionId)?.has(nip));
    if (missing.length) findings.lost.push(`${upload.regionId}: ${missing.length} signature(s) confirmed by a 200 and not stored (${missing.slice(0, 3).join(', ')})`);
  }
}

function drift(findings: Findings, what: string, counted: number, recount: number): void {
  if (counted === recount) return;
  findings.drift.push(`${what}: counted ${counted}, recount ${recount}`);
  findings.driftTotal += Math.abs(counted - recount);
}

async function scanAll(endpoint: string): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ endpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < 100_000; page++) {
      const result = await doc.send(new ScanCommand({ TableName: 'netra', ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
      if (!start) break;
    }
  } finally {
    client.destroy();
  }
  return items;
}

/** `npm run admin -- report verify`'s use case, run in this process against the soak's DynamoDB Local. */
async function chainVerifier(context: CheckContext): Promise<(regionId: string, id: string) => Promise<{ intact: boolean; text: string }>> {
  Object.assign(process.env, {
    NETRA_MODE: 'local', TABLE_NAME: 'netra', DYNAMODB_ENDPOINT: context.dynamoEndpoint, NETRA_DATA_DIR: join(context.dataDir, 'verify'), POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const { dependencies } = await import('../functions/composition/root.ts');
  const timeline = await import('../functions/use-cases/timeline.ts');
  const deps = dependencies();
  return async (regionId, id) => {
    const verification = await timeline.verifyReport(deps, regionId, id);
    return { intact: verification.intact, text: timeline.verificationText(verification) };
  };
}

async function get(context: CheckContext, regionId: string, path: string): Promise<{ status: number; json: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${context.url}${path}`, { headers: { 'x-api-key': context.keys[regionId]!, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      if (response.status === 503 && attempt < 5) {
        await new Promise((r) => setTimeout(r, 2_000));
        continue;
      }
      return { status: response.status, json: text ? JSON.parse(text) : null };
    } catch (error) {
      if (attempt >= 5) return { status: 0, json: String(error) };
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}
