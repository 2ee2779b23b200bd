// Decision links as an attacker, a mail scanner and a hurried approver would use them: tampering, reuse,
// expiry, a step already past, concurrent submissions, invalid fields, and GET that never changes anything.
import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, linkIn, mailTo, postForm, report, submitReport, workflowApi } from '../support/workflow.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { config } from '../../functions/lib/config.ts';
import { decisionKey, decisionUrl } from '../../functions/domain/decision-links.ts';
import { DecisionLinkError } from '../../functions/domain/errors.ts';
import { openDecision } from '../../functions/use-cases/sanction/decisions.ts';
import { decisionDeadline } from '../../functions/use-cases/sanction/deadlines.ts';

const deps = dependencies();
const api = workflowApi();

const OPD_HEAD = 'kepala.disdik@bantul.demo.netra.example';
const BKPP = 'bkpsdm@bantul.demo.netra.example';

async function opdLink(overrides: Record<string, unknown> = {}) {
  const { id, receiptCode } = await submitReport(api, overrides);
  const url = linkIn(await mailTo(api, OPD_HEAD, receiptCode));
  // Settled: the workflow waits on this link (its task token is on the record).
  await eventually('the workflow to wait', async () => (await deps.decisions.get(decisionKey(parts(url).id)))?.taskToken);
  return { id, receiptCode, url };
}

function parts(url: string) {
  const u = new URL(url);
  return { u, id: u.pathname.split('/').pop()!, exp: u.searchParams.get('exp')!, sig: u.searchParams.get('sig')! };
}

async function record(url: string) {
  return deps.decisions.get(decisionKey(parts(url).id));
}

describe('GET /decisions/{id}', () => {
  it('shows the case and a form, escapes everything, and changes nothing however often it is opened', async () => {
    const { id, url } = await opdLink({ description: 'Memasang <script>alert(1)</script> & "spanduk" calon.' });
    const before = { report: await report(api, id), record: await record(url) };
    for (let i = 0; i < 5; i++) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = await response.text();
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;spanduk&quot;');
      expect(page).not.toMatch(/<script/i);
      expect(page).toContain('<form method="post"');
      expect(page).toContain('value="FORWARD"');
      expect(page).toContain('value="DISMISS"');
      expect(page).not.toContain('Siti Rahma');
      expect(page).not.toContain('0812-0000-0000');
    }
    expect(await report(api, id)).toEqual(before.report);
    expect(await record(url)).toEqual(before.record);
    expect(before.record?.status).toBe('PENDING');
  });

  it('answers 403 to a tampered signature, expiry or id, and 404 to an unknown id signed correctly', async () => {
    const { url } = await opdLink();
    const { u, id, exp, sig } = parts(url);
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const base = `${u.origin}/decisions`;
    for (const tampered of [
      `${base}/${id}?exp=${exp}&sig=${flip(sig)}`,
      `${base}/${id}?exp=${Number(exp) + 86400}&sig=${sig}`,
      `${base}/${flip(id)}?exp=${exp}&sig=${sig}`,
      `${base}/${id}?exp=${exp}`,
      `${base}/${id}`,
      `${base}/..%2F..%2Fv1?exp=${exp}&sig=${sig}`,
    ]) {
      const response = await fetch(tampered);
      expect(response.status, tampered).toBe(403);
      expect(await response.text()).toContain('Tautan tidak sah');
      expect((await postForm(tampered, { outcome: 'FORWARD' })).status, tampered).toBe(403);
    }
    const secret = await deps.links.secret();
    const unknown = decisionUrl(config().baseUrl!, secret, 'x'.repeat(32), new Date(Date.now() + 3600_000).toISOString());
    expect((await fetch(unknown)).status).toBe(404);
    expect((await record(url))?.status).toBe('PENDING');
  });

  it('answers 403 to each of the 15 other spellings of the signature\'s last character (same bytes), GET and POST', async () => {
    const { url } = await opdLink();
    const { u, id, exp, sig } = parts(url);
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 16 bytes in 22 characters: the last carries 2 bits of the signature and 4 unused ones.
    const last = ALPHABET.indexOf(sig.at(-1)!);
    const variants = [...ALPHABET].filter((c, i) => (i >> 4) === (last >> 4) && c !== sig.at(-1)).map((c) => sig.slice(0, -1) + c);
    expect(variants).toHaveLength(15);
    for (const variant of variants) expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    const base = `${u.origin}/decisions/${id}`;
    for (const variant of variants) {
      const link = `${base}?exp=${exp}&sig=${variant}`;
      expect((await fetch(link)).status, variant).toBe(403);
      expect((await postForm(link, { outcome: 'DISMISS', notes: 'Tidak terbukti.' })).status, variant).toBe(403);
    }
    // The expiry's other spelling (a leading zero, the same number) is refused too.
    expect((await fetch(`${base}?exp=0${exp}&sig=${sig}`)).status).toBe(403);
    expect((await postForm(`${base}?exp=0${exp}&sig=${sig}`, { outcome: 'DISMISS', notes: 'Tidak terbukti.' })).status).toBe(403);
    // Nothing was decided; the issued link still works.
    expect((await record(url))?.status).toBe('PENDING');
    expect((await fetch(url)).status).toBe(200);
  });

  it('keeps only the hash of the link id: neither the table nor the workflow state holds the id', async () => {
    const { url } = await opdLink();
    const { id } = parts(url);
    const { Items = [] } = await deps.dynamo.doc.send(new ScanCommand({ TableName: config().tableName }));
    expect(JSON.stringify(Items)).not.toContain(id);
    expect(JSON.stringify(Items)).toContain(decisionKey(id));
    const dir = join(config().dataDir!, 'executions');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(id);
  });
});

describe('POST /decisions/{id}', () => {
  it('re-shows the form with the errors and the values kept (400), and records nothing', async () => {
    const { id, url } = await opdLink();
    const cases: [Record<string, string>, string][] = [
      [{ outcome: 'DISMISS' }, 'notes-error'],
      [{ outcome: 'DISMISS', notes: '   ' }, 'notes-error'],
      [{ outcome: 'IMPOSE', notes: 'salah tahap' }, 'outcome-error'],
      [{}, 'outcome-error'],
      [{ outcome: 'FORWARD', notes: 'x'.repeat(2001) }, 'notes-error'],
    ];
    for (const [fields, error] of cases) {
      const response = await postForm(url, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
      const page = await response.text();
      expect(page).toContain(`id="${error}"`);
      expect(page).toContain('<form method="post"');
      if (fields.notes && fields.notes.length < 100) expect(page).toContain(`>${fields.notes}</textarea>`);
    }
    expect((await record(url))?.status).toBe('PENDING');
    expect((await report(api, id)).timeline).toHaveLength(2);
  });

  it('checks that a BKPP sanction belongs to its level, and that the PPK gives a decree number', async () => {
    const { receiptCode, url } = await opdLink();
    expect((await postForm(url, { outcome: 'FORWARD' })).status).toBe(200);
    const bkpp = linkIn(await mailTo(api, BKPP, receiptCode));
    const wrongLevel = await postForm(bkpp, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'PEMBERHENTIAN' });
    expect(wrongLevel.status).toBe(400);
    const page = await wrongLevel.text();
    expect(page).toContain('id="sanction-error"');
    expect(page).toMatch(/<input type="radio" name="level" value="RINGAN" checked>/);
    expect((await postForm(bkpp, { outcome: 'RECOMMEND', level: 'BERAT' })).status).toBe(400);
    expect((await postForm(bkpp, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).status).toBe(200);
    const ppk = linkIn(await mailTo(api, 'ppk@bantul.demo.netra.example', receiptCode));
    const noDecree = await postForm(ppk, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN' });
    expect(noDecree.status).toBe(400);
    expect(await noDecree.text()).toContain('id="decreeNumber-error"');
  });

  it('is used once: a second submission, or opening it afterwards, answers 409', async () => {
    const { url } = await opdLink();
    expect((await postForm(url, { outcome: 'FORWARD' })).status).toBe(200);
    const again = await postForm(url, { outcome: 'DISMISS', notes: 'berubah pikiran' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('sudah tercatat');
    expect((await fetch(url)).status).toBe(409);
    expect((await record(url))?.decision?.outcome).toBe('FORWARD');
  });

  it('lets exactly one of two simultaneous submissions win', async () => {
    const { id, url } = await opdLink();
    const results = await Promise.all([
      postForm(url, { outcome: 'FORWARD' }),
      postForm(url, { outcome: 'DISMISS', notes: 'bersamaan' }),
      postForm(url, { outcome: 'FORWARD' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const r = await report(api, id);
    expect(r.decisions).toHaveLength(1);
  });

  it('answers 409 when the report has already moved past the link’s step', async () => {
    const { id, url } = await opdLink();
    const stored = (await deps.reports.get('34.02', id))!.report;
    const at = new Date().toISOString();
    await deps.reports.transition({ report: stored, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at, timeline: [{ at, actor: 'SYSTEM', action: 'TEST_MOVED' }] });
    const response = await fetch(url);
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain('sudah melewati tahap');
    expect(page).toContain('Menunggu penilaian BKPSDM'); // where it is now, in Bantul's words
    expect(page).toContain('Selanjutnya');
    expect((await postForm(url, { outcome: 'FORWARD' })).status).toBe(409);
  });

  it('after the OPD deadline, the head’s link says the report went on to the agency, and what comes next', async () => {
    const { id, url } = await opdLink();
    await decisionDeadline(deps, { regionId: '34.02', reportId: id, step: 'OPD_REVIEW', decisionKey: decisionKey(parts(url).id) });
    const response = await fetch(url);
    expect(response.status).toBe(410);
    const page = await response.text();
    expect(page).toContain('diteruskan otomatis ke BKPSDM Kabupaten Bantul');
    expect(page).toContain('went on to BKPSDM Kabupaten Bantul automatically');
    expect(page).toContain('Tidak ada lagi yang perlu Anda lakukan');
    expect(page).toContain('Laporan kini menunggu penilaian BKPSDM'); // the agency keeps its capitals
    expect(page).not.toContain('Siti Rahma');
    // No stray full stop after a title ("Link expired. this link…").
    expect(page).not.toMatch(/<\/strong>\.|\. [a-z]/);
  });

  it('a link past its deadline while the report still waits says a fresh link follows', async () => {
    const { url } = await opdLink();
    const { id, exp, sig } = parts(url);
    const later = { ...deps, clock: { now: () => new Date(Date.now() + 8 * 86400_000) } };
    await expect(openDecision(later, { decisionId: id, exp, sig })).rejects.toMatchObject({ status: 410, end: { reason: 'expired' } });
  });

  it('answers 410 once the link has expired, even before the deadline step has run', async () => {
    const { url } = await opdLink();
    const { id, exp, sig } = parts(url);
    const later = { ...deps, clock: { now: () => new Date(Date.now() + 8 * 86400_000) } };
    await expect(openDecision(later, { decisionId: id, exp, sig })).rejects.toMatchObject({ status: 410 });
    await expect(openDecision(later, { decisionId: id, exp, sig })).rejects.toBeInstanceOf(DecisionLinkError);
  });

  it('wants a form body: JSON is 415, as an HTML page', async () => {
    const { url } = await opdLink();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outcome":"FORWARD"}' });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect((await record(url))?.status).toBe('PENDING');
  });
});
