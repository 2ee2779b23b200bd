// The soak's callers, as netra meets them: regional systems submitting reports by every path (with Idempotency-Key,
// retried through outages), approvers deciding by the e-mailed links (sometimes twice at once), ceremonies with
// overlapping signature uploads, Satgas activities and their risks, directory changes and acting periods, and readers.
// Each keeps what it was told, so the checks (check.ts) can hold the stack to it.
import { retryingFetch } from '#client';
import { DEMO_REGIONS, DEMO_REPORT } from '../infra/local/demo-data.ts';
import type { OutboxReader } from './outbox.ts';
import type { Random } from './random.ts';

export const ELECTION = 'pilkada-2024';
export const OPDS = ['disdik', 'dinkes', 'setda', 'dpupr'] as const;
/** OPDs with a head: their reports wait on the head's review (dpupr has none in the demo directory). */
const HEADED = ['disdik', 'dinkes', 'setda'] as const;

export type Path = 'opd-review' | 'no-head' | 'conflict' | 'recommendation';
type Step = 'OPD_REVIEW' | 'BKPP_ASSESSMENT' | 'PPK_DECISION';

export interface TrackedReport {
  key: string;
  regionId: string;
  path: Path;
  id?: string;
  receiptCode?: string;
  /** Decisions the stack confirmed (200, or 409 to a retry of an attempt whose answer was lost). */
  applied: { step: Step; outcome: string }[];
  /** A decision sent whose answer said neither yes nor no (503, timeout): sent again until it does. */
  unsure?: { link: string; fields: Record<string, string>; step: Step };
  busy: boolean;
}

export interface Upload {
  regionId: string;
  /** Every NIP of an upload answered 200 (accepted or a duplicate): each must be stored. */
  nips: string[];
}

export interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** Answers no caller should ever get (a 5xx other than 503), with what was asked. */
  serverErrors: string[];
  /** Answers that broke a promise of the API (two decisions from one link, a retried submit with another id...). */
  broken: string[];
  doubledDecisions: number;
  concurrentPosts: number;
  decisions: number;
  signaturesSent: number;
  activities: number;
  directoryChanges: number;
  handedOverAnswers: number;
}

interface RegionState {
  regionId: string;
  key: string;
  domain: string;
  ceremonies: { id: string; opdIds: string[] }[];
  satgasFormed: Set<string>;
  riskIds: string[];
  headVersion: number;
  nipPool: { nip: string; opdId: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CLOSED = new Set(['SANCTIONED', 'DISMISSED']);

/** The day in a zone, as YYYY-MM-DD, `days` from today. */
function localDay(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** A NIP as they are built: birth date, appointment month, sex digit, serial. */
function nipOf(random: Random): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `19${random.int(60, 99)}${two(random.int(1, 12))}${two(random.int(1, 28))}20${two(random.int(0, 20))}${two(random.int(1, 12))}${random.int(1, 2)}${String(random.int(1, 999)).padStart(3, '0')}`;
}

export class Traffic {
  readonly reports: TrackedReport[] = [];
  readonly uploads: Upload[] = [];
  /** Uploads that got no 200 (503 while the writer's lease was busy, an outage): sent again later. */
  readonly unconfirmed: { regionId: string; ceremonyId: string; signatories: { nip: string; opdId: string }[] }[] = [];
  readonly tally: Tally = {
    requests: 0, byStatus: new Map(), serverErrors: [], broken: [], doubledDecisions: 0, concurrentPosts: 0, decisions: 0,
    signaturesSent: 0, activities: 0, directoryChanges: 0, handedOverAnswers: 0,
  };
  private readonly regions: RegionState[];
  private readonly fetchRetrying = retryingFetch(fetch, { attempts: 4, budgetMs: 60_000 });
  private readonly url: string;
  private readonly random: Random;
  private readonly outbox: OutboxReader;
  private readonly webhookUrl: string;
  private readonly secrets: ReadonlyMap<string, string>;
  private readonly seed: number;
  private counter = 0;

  constructor(options: { url: string; keys: Record<string, string>; random: Random; outbox: OutboxReader; webhookUrl: string; secrets: ReadonlyMap<string, string>; seed: number }) {
    this.url = options.url;
    this.random = options.random;
    this.outbox = options.outbox;
    this.webhookUrl = options.webhookUrl;
    this.secrets = options.secrets;
    this.seed = options.seed;
    const pools = options.random.fork('nips');
    this.regions = DEMO_REGIONS.map((demo) => ({
      regionId: demo.region.id, key: options.keys[demo.region.id]!, domain: demo.domain, ceremonies: [], satgasFormed: new Set(), riskIds: [], headVersion: 0,
      // 300 employees per region: uploads draw from them, so they overlap.
      nipPool: Array.from({ length: 300 }, (_, i) => ({ nip: nipOf(pools), opdId: OPDS[i % OPDS.length]! })),
    }));
  }

  /** Bawaslu of every region gets the soak's receiver (before any report, so every report's notices go there). */
  async setUp(): Promise<void> {
    for (const region of this.regions) {
      const response = await this.call(region, 'PUT', '/v1/directory/contacts', this.contacts(region, 'none'));
      if (response?.status !== 200) throw new Error(`contacts of ${region.regionId} not set: ${response?.status}`);
    }
  }

  /** `workers` callers acting at once until `until`, each pausing between actions. */
  async run(until: number, workers = 4): Promise<void> {
    await Promise.all(Array.from({ length: workers }, async (_, n) => {
      const random = this.random.fork(`worker-${n}`);
      while (Date.now() < until) {
        const action = random.weighted({ submit: 30, decide: 34, sign: 10, ceremony: 3, satgas: 9, directory: 4, read: 10 });
        try {
          await this.act(action, random);
        } catch (error) {
          this.tally.broken.push(`${action}: ${(error as Error).message}`);
        }
        await sleep(random.int(150, 1_200));
      }
    }));
  }

  private async act(action: string, random: Random): Promise<void> {
    const region = random.pick(this.regions);
    switch (action) {
      case 'submit':
        return this.submit(region, random);
      case 'decide': {
        const open = this.reports.filter((r) => r.id && !r.busy && r.regionId === region.regionId && !CLOSED.has(expectedStatus(r)));
        if (open.length) await this.decide(random.pick(open), random);
        return;
      }
      case 'sign':
        return region.ceremonies.length ? this.sign(region, random) : this.ceremony(region, random);
      case 'ceremony':
        return this.ceremony(region, random);
      case 'satgas':
        return this.satgas(region, random);
      case 'directory':
        return this.directory(region, random);
      default:
        return this.read(region, random);
    }
  }

  // --- reports ---------------------------------------------------------------------------------------------------

  private async submit(region: RegionState, random: Random): Promise<void> {
    // A client that lost an answer retries its key later: the same report must come back.
    const unanswered = this.reports.filter((r) => !r.id && !r.busy && r.regionId === region.regionId);
    const retryDone = !unanswered.length && random.chance(0.05) ? this.reports.find((r) => r.id && r.regionId === region.regionId) : undefined;
    const report = unanswered[0] ?? retryDone ?? this.newReport(region, random);
    report.busy = true;
    try {
      const response = await this.call(region, 'POST', '/v1/reports', this.body(region, report), { 'idempotency-key': report.key });
      if (response?.status !== 202) return;
      const { id, receiptCode } = response.json as { id: string; receiptCode: string };
      if (report.id && report.id !== id) this.tally.broken.push(`retry of ${report.key} answered ${id}, first ${report.id}`);
      report.id = id;
      report.receiptCode = receiptCode;
    } finally {
      report.busy = false;
    }
  }

  private newReport(region: RegionState, random: Random): TrackedReport {
    const path = random.weighted<Path>({ 'opd-review': 60, 'no-head': 12, conflict: 10, recommendation: 18 });
    const report: TrackedReport = { key: `soak-${this.seed}-${++this.counter}`, regionId: region.regionId, path, applied: [], busy: false };
    this.reports.push(report);
    return report;
  }

  private body(region: RegionState, report: TrackedReport): Record<string, unknown> {
    const demo = DEMO_REGIONS.find((d) => d.region.id === region.regionId)!;
    const n = Number(report.key.split('-').at(-1));
    const opdId = report.path === 'no-head' ? 'dpupr' : HEADED[n % HEADED.length]!;
    // The head's own NIP: the review goes past them (conflict of interest); the soak never changes a head's NIP.
    const nip = report.path === 'conflict' ? demo.opds[opdId]!.head!.nip : `19800101200501${String(1000 + (n % 9000)).padStart(4, '0')}`;
    return {
      ...structuredClone(DEMO_REPORT),
      description: `Laporan soak ${report.key}: membagikan materi kampanye di grup dinas.`,
      employee: { ...DEMO_REPORT.employee, nip, opdId },
      ...(report.path === 'recommendation' ? { source: { kind: n % 2 ? 'BKN_RECOMMENDATION' : 'BAWASLU_RECOMMENDATION', number: `REK/${n}/2024`, issuedAt: '2024-10-05' } } : {}),
    };
  }

  /** The latest decision link e-mailed about the report (a hand-over's new link, or the step's request). */
  latestLink(receiptCode: string): string | null {
    this.outbox.refresh();
    return this.outbox.about(receiptCode).filter((m) => m.link).at(-1)?.link ?? null;
  }

  private async decide(report: TrackedReport, random: Random): Promise<void> {
    report.busy = true;
    try {
      if (report.unsure && !(await this.settleUnsure(report))) return;
      const region = this.regions.find((r) => r.regionId === report.regionId)!;
      const read = await this.call(region, 'GET', `/v1/reports/${report.id}`);
      if (read?.status !== 200) return;
      const status = (read.json as { status: string }).status;
      const step = STEP_OF[status];
      if (!step) return;
      const link = this.latestLink(report.receiptCode!);
      if (!link) return; // not e-mailed yet
      // As an approver opens the e-mail first: a link that shows no form (the last step's, used; its successor not
      // e-mailed yet) is not posted, so a lost answer's retry can never mistake that 409 for its own decision.
      const page = await fetch(link, { signal: AbortSignal.timeout(30_000) }).then(async (r) => (await r.arrayBuffer(), r.status), () => 0);
      if (page !== 200) return;
      const fields = decisionFields(step, random);
      this.tally.decisions++;
      // One in ten: the approver taps twice (or two devices post at once): exactly one decision may result.
      const twice = random.chance(0.1);
      const answers = await Promise.all((twice ? [0, 1] : [0]).map(() => this.post(link, fields)));
      if (twice) this.tally.concurrentPosts++;
      const ok = answers.filter((s) => s === 200).length;
      if (ok > 1) {
        this.tally.doubledDecisions++;
        this.tally.broken.push(`${report.id}: one link decided ${ok} times at once`);
      }
      if (ok >= 1) report.applied.push({ step, outcome: fields.outcome! });
      else if (answers.some((s) => s === 0 || s === 503 || s >= 500)) report.unsure = { link, fields, step };
      else if (answers.includes(410)) this.tally.handedOverAnswers++;
    } finally {
      report.busy = false;
    }
  }

  /** A decision whose answer was lost is sent again: 200 (applied now) or 409 (it was applied then); 410 or another
   *  answer means it never was. False while the stack still cannot say. */
  async settleUnsure(report: TrackedReport): Promise<boolean> {
    const unsure = report.unsure!;
    const status = await this.post(unsure.link, unsure.fields);
    if (status === 0 || status >= 500) return false;
    if (status === 200 || status === 409) report.applied.push({ step: unsure.step, outcome: unsure.fields.outcome! });
    report.unsure = undefined;
    return true;
  }

  private async post(link: string, fields: Record<string, string>): Promise<number> {
    try {
      const response = await fetch(link, {
        method: 'POST', body: new URLSearchParams(fields).toString(), signal: AbortSignal.timeout(30_000),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await response.arrayBuffer();
      this.count(`POST ${new URL(link).pathname}`, response.status);
      return response.status;
    } catch {
      return 0;
    }
  }

  /** After the faults: submissions still unanswered are sent again with their keys, decisions whose answer was lost
   *  again with their fields (bounded by the caller's settling loop). */
  async settle(): Promise<void> {
    for (const report of this.reports) {
      if (report.busy) continue;
      if (!report.id) await this.submit(this.regions.find((r) => r.regionId === report.regionId)!, this.random);
      else if (report.unsure) await this.settleUnsure(report);
    }
    for (const upload of this.unconfirmed.splice(0)) await this.upload(this.regions.find((r) => r.regionId === upload.regionId)!, upload.ceremonyId, upload.signatories);
  }

  // --- ceremonies and signatures ------------------------------------------------------------------------------------

  private async ceremony(region: RegionState, random: Random): Promise<void> {
    const opdIds = random.chance(0.4) ? [] : OPDS.filter(() => random.chance(0.5));
    const body = {
      kind: 'IKRAR_ASN', electionId: ELECTION, heldAt: '2024-08-26T08:00:00+07:00', location: 'Pendopo Kabupaten',
      leader: { name: 'Sekretaris Daerah', title: 'Sekda' }, opdIds, participants: { asn: 120, nonAsn: 15 },
      evidenceUrls: ['https://example.org/ikrar/foto-1.jpg'],
    };
    const response = await this.call(region, 'POST', '/v1/ceremonies', body, { 'idempotency-key': `soak-${this.seed}-ceremony-${++this.counter}` });
    if (response?.status === 201) region.ceremonies.push({ id: (response.json as { id: string }).id, opdIds });
  }

  /** One upload, or two to four at once over overlapping employees (the writer's lease under contention); an upload
   *  that got no 200 is sent again later, as a regional system would. */
  private async sign(region: RegionState, random: Random): Promise<void> {
    const retry = this.unconfirmed.findIndex((u) => u.regionId === region.regionId);
    if (retry >= 0 && random.chance(0.5)) {
      const [upload] = this.unconfirmed.splice(retry, 1);
      return this.upload(region, upload!.ceremonyId, upload!.signatories);
    }
    const ceremony = random.pick(region.ceremonies);
    const eligible = region.nipPool.filter((p) => !ceremony.opdIds.length || ceremony.opdIds.includes(p.opdId));
    if (!eligible.length) return;
    const batches = random.chance(0.3) ? random.int(2, 4) : 1;
    await Promise.all(Array.from({ length: batches }, async () => {
      const rows = Array.from({ length: random.int(10, 120) }, () => random.pick(eligible));
      const unique = [...new Map(rows.map((r) => [r.nip, r])).values()];
      const signatories = unique.map((r) => ({ nip: r.nip, name: `Pegawai ${r.nip.slice(-4)}`, position: 'Pelaksana', opdId: r.opdId, employmentType: 'PNS' }));
      this.tally.signaturesSent += signatories.length;
      await this.upload(region, ceremony.id, signatories);
    }));
  }

  private async upload(region: RegionState, ceremonyId: string, signatories: { nip: string; opdId: string }[]): Promise<void> {
    const response = await this.call(region, 'POST', `/v1/ceremonies/${ceremonyId}/signatories`, { signatories });
    if (response?.status !== 200) {
      this.unconfirmed.push({ regionId: region.regionId, ceremonyId, signatories });
      return;
    }
    const answer = response.json as { accepted: number; duplicates: number; rejected: unknown[] };
    if (answer.rejected.length) this.tally.broken.push(`signatories of ${ceremonyId}: ${answer.rejected.length} valid rows rejected`);
    if (answer.accepted + answer.duplicates !== signatories.length) {
      this.tally.broken.push(`signatories of ${ceremonyId}: ${answer.accepted} accepted + ${answer.duplicates} duplicates of ${signatories.length}`);
    }
    this.uploads.push({ regionId: region.regionId, nips: signatories.map((r) => r.nip) });
  }

  // --- Satgas --------------------------------------------------------------------------------------------------------

  private async satgas(region: RegionState, random: Random): Promise<void> {
    const opdId = random.pick(OPDS);
    const choice = random.weighted({ form: region.satgasFormed.has(opdId) ? 1 : 6, activity: 6, risk: region.riskIds.length ? 4 : 0 });
    if (choice === 'form') {
      const body = {
        decree: { number: `800/KPTS.${random.int(100, 999)}/2024`, date: '2024-07-15' },
        members: [{ name: 'Kepala Dinas', role: 'KETUA' }, { name: 'Sekretaris Dinas', role: 'SEKRETARIS' }, { name: 'Kasubbag Umum', role: 'ANGGOTA' }],
      };
      const response = await this.call(region, 'PUT', `/v1/directory/opds/${opdId}/satgas`, body);
      if (response?.status === 200) region.satgasFormed.add(opdId);
    } else if (choice === 'activity') {
      const kind = random.pick(['SOSIALISASI', 'IDENTIFIKASI_KERAWANAN', 'PEMANTAUAN_MEDIA_SOSIAL'] as const);
      const risks = kind === 'SOSIALISASI' ? [] : Array.from({ length: random.int(0, 3) }, () => ({
        stage: random.pick(['KAMPANYE', 'MASA_TENANG', 'PEMUNGUTAN_PENGHITUNGAN']), category: random.pick(['MEDIA_SOSIAL', 'POLITIK_UANG', 'FASILITAS_NEGARA']),
        level: random.pick(['RENDAH', 'SEDANG', 'TINGGI']), description: 'Potensi pelanggaran netralitas ditemukan saat pemantauan.',
      }));
      const body = {
        opdId, electionId: ELECTION, kind, heldAt: `2024-09-${String(random.int(1, 28)).padStart(2, '0')}`,
        summary: 'Kegiatan Satgas netralitas (soak).', evidenceUrls: ['https://example.org/satgas/notulen.pdf'], ...(risks.length ? { risks } : {}),
      };
      const response = await this.call(region, 'POST', '/v1/satgas/activities', body, { 'idempotency-key': `soak-${this.seed}-activity-${++this.counter}` });
      if (response?.status === 201) {
        this.tally.activities++;
        region.riskIds.push(...(response.json as { riskIds: string[] }).riskIds);
      }
    } else {
      const riskId = random.pick(region.riskIds);
      await this.call(region, 'PUT', `/v1/satgas/risks/${riskId}`, { status: random.pick(['TERBUKA', 'DITANGANI']), note: 'Ditindaklanjuti oleh Satgas.' });
    }
  }

  // --- directory -----------------------------------------------------------------------------------------------------

  /** A new OPD head (same NIP, another mailbox), an acting head, or acting BKPP/PPK officials starting or ending:
   *  each hands the waiting steps of that role to the new holder. */
  private async directory(region: RegionState, random: Random): Promise<void> {
    const demo = DEMO_REGIONS.find((d) => d.region.id === region.regionId)!;
    const zone = demo.region.timeZone ?? 'Asia/Jakarta';
    const what = random.weighted({ head: 4, actingHead: 2, actingContacts: 3, endActing: 3 });
    let response;
    if (what === 'head' || what === 'actingHead') {
      const opdId = random.pick(HEADED);
      const opd = demo.opds[opdId]!;
      region.headVersion++;
      const head = {
        ...opd.head!, email: `kepala.${opdId}.v${region.headVersion}@${demo.domain}`,
        ...(what === 'actingHead' ? { acting: { name: 'Plt. Kepala', title: `Plt. ${opd.head!.name}`, email: `plt.${opdId}.v${region.headVersion}@${demo.domain}`, from: localDay(zone), until: localDay(zone, 1) } } : {}),
      };
      response = await this.call(region, 'PUT', `/v1/directory/opds/${opdId}`, { ...opd, head });
    } else {
      response = await this.call(region, 'PUT', '/v1/directory/contacts', this.contacts(region, what === 'actingContacts' ? random.pick(['bkpp', 'ppk'] as const) : 'none'));
    }
    if (response?.status === 200) this.tally.directoryChanges++;
  }

  private contacts(region: RegionState, acting: 'bkpp' | 'ppk' | 'none'): Record<string, unknown> {
    const demo = DEMO_REGIONS.find((d) => d.region.id === region.regionId)!;
    const zone = demo.region.timeZone ?? 'Asia/Jakarta';
    const period = (who: string) => ({ name: `Plt. ${who}`, title: `Plt. ${who}`, email: `plt.${who.toLowerCase()}.${++this.counter}@${demo.domain}`, from: localDay(zone), until: localDay(zone, 1) });
    const { bkpp, ppk } = demo.contacts;
    return {
      ...demo.contacts,
      bkpp: acting === 'bkpp' ? { ...bkpp, acting: period('BKPP') } : bkpp,
      ppk: acting === 'ppk' ? { ...ppk, acting: period('PPK') } : ppk,
      bawaslu: { ...demo.contacts.bawaslu, webhookUrl: this.webhookUrl, webhookSecret: this.secrets.get(region.regionId)! },
    };
  }

  // --- readers -------------------------------------------------------------------------------------------------------

  private async read(region: RegionState, random: Random): Promise<void> {
    const mine = this.reports.filter((r) => r.id && r.regionId === region.regionId);
    const report = mine.length ? random.pick(mine) : undefined;
    const path = random.pick([
      `/v1/stats?electionId=${ELECTION}`, `/v1/compliance?electionId=${ELECTION}`, '/v1/reports?limit=20', `/v1/satgas/activities?electionId=${ELECTION}&limit=10`,
      ...(report ? [`/v1/reports/${report.id}`, `/v1/track/${report.receiptCode}`] : []),
    ]);
    await this.call(region, 'GET', path);
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------------

  /** One call as a regional system makes it (the typed client's retry of 429/503 and network errors, within a minute);
   *  null when no answer came. */
  async call(region: { key: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown } | null> {
    try {
      const response = await this.fetchRetrying(`${this.url}${path}`, {
        method, signal: AbortSignal.timeout(90_000),
        headers: { 'x-api-key': region.key, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      this.count(`${method} ${path.split('?')[0]}`, response.status);
      return { status: response.status, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
    } catch {
      return null;
    }
  }

  private count(what: string, status: number): void {
    this.tally.requests++;
    this.tally.byStatus.set(status, (this.tally.byStatus.get(status) ?? 0) + 1);
    if (status >= 500 && status !== 503) this.tally.serverErrors.push(`${what} answered ${status}`);
  }
}

const STEP_OF: Record<string, Step | undefined> = Object.assign(Object.create(null), {
  AWAITING_OPD_REVIEW: 'OPD_REVIEW', AWAITING_BKPP_ASSESSMENT: 'BKPP_ASSESSMENT', AWAITING_PPK_DECISION: 'PPK_DECISION',
});

function decisionFields(step: Step, random: Random): Record<string, string> {
  const dismiss = random.chance(0.25);
  if (dismiss) return { outcome: 'DISMISS', notes: 'Tidak cukup bukti (soak).' };
  if (step === 'OPD_REVIEW') return { outcome: 'FORWARD', notes: 'Diteruskan ke BKPP (soak).' };
  const [level, sanction] = random.pick([['RINGAN', 'TEGURAN_TERTULIS'], ['SEDANG', 'POTONG_TUKIN_6'], ['BERAT', 'PEMBERHENTIAN']] as const);
  if (step === 'BKPP_ASSESSMENT') return { outcome: 'RECOMMEND', level, sanction, notes: 'Rekomendasi BKPP (soak).' };
  return { outcome: 'IMPOSE', level, sanction, decreeNumber: `800/SK.${random.int(100, 999)}/2024`, notes: 'Keputusan PPK (soak).' };
}

/** The status a report must be at, from its path and the decisions the stack confirmed. */
export function expectedStatus(report: Pick<TrackedReport, 'path' | 'applied'>): string {
  const last = report.applied.at(-1);
  if (!last) return report.path === 'opd-review' ? 'AWAITING_OPD_REVIEW' : 'AWAITING_BKPP_ASSESSMENT';
  if (last.outcome === 'DISMISS') return 'DISMISSED';
  return { FORWARD: 'AWAITING_BKPP_ASSESSMENT', RECOMMEND: 'AWAITING_PPK_DECISION', IMPOSE: 'SANCTIONED' }[last.outcome] ?? 'UNKNOWN';
}
