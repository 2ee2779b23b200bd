// The workflow's pure rules: decision forms, the OPD review skip, decision links, webhook signatures,
// stats, e-mail content and the configuration each AWS function needs.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDecisionForm, opdReviewSkipReason, statusAfter, secondsUntil } from '../../functions/domain/workflow.ts';
import { InputError } from '../../functions/domain/errors.ts';
import { decisionIdFor, decisionKey, decisionUrl, newNonce, signLink, verifyLink } from '../../functions/domain/decision-links.ts';
import { webhookSignature } from '../../functions/adapters/webhook/sender.ts';
import { statsFrom } from '../../functions/domain/stats.schema.ts';
import { loadConfig, required } from '../../functions/lib/config.ts';
import { caseFacts, regionWords } from '../../functions/domain/case-facts.ts';
import { bawasluNoticeEmail, decisionRequestEmail, escalationEmail } from '../../functions/views/emails.ts';
import { escapeHtml, html } from '../../functions/views/html.ts';
import { caseText, mailText } from '../../functions/views/case-summary.ts';
import { reportForBawaslu } from '../../functions/use-cases/notices.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
}

describe('parseDecisionForm', () => {
  it('accepts each step’s own outcomes with their fields', () => {
    expect(parseDecisionForm('OPD_REVIEW', { outcome: 'FORWARD' })).toEqual({ step: 'OPD_REVIEW', outcome: 'FORWARD' });
    expect(parseDecisionForm('BKPP_ASSESSMENT', { outcome: 'RECOMMEND', level: 'MORAL', sanction: 'MORAL_TERBUKA', notes: ' ok ' }))
      .toEqual({ step: 'BKPP_ASSESSMENT', outcome: 'RECOMMEND', level: 'MORAL', sanction: 'MORAL_TERBUKA', notes: 'ok' });
    expect(parseDecisionForm('PPK_DECISION', { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN', decreeNumber: '800/1/2024' }))
      .toMatchObject({ outcome: 'IMPOSE', decreeNumber: '800/1/2024' });
    // The spec's IMPOSE names a sanction and a decree number; the level follows from the sanction.
    expect(parseDecisionForm('PPK_DECISION', { outcome: 'IMPOSE', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/2/2024' }))
      .toEqual({ step: 'PPK_DECISION', outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/2/2024' });
  });

  it.each([
    ['OPD_REVIEW', { outcome: 'RECOMMEND' }, ['outcome']],
    ['OPD_REVIEW', { outcome: 'DISMISS' }, ['notes']],
    ['BKPP_ASSESSMENT', { outcome: 'FORWARD' }, ['outcome']],
    ['BKPP_ASSESSMENT', { outcome: 'RECOMMEND' }, ['level', 'sanction']],
    ['BKPP_ASSESSMENT', { outcome: 'RECOMMEND', sanction: 'TEGURAN_LISAN' }, ['level']],
    ['PPK_DECISION', { outcome: 'IMPOSE', level: 'RINGAN', sanction: 'PEMBERHENTIAN', decreeNumber: '800/1/2024' }, ['sanction']],
    ['PPK_DECISION', { outcome: 'IMPOSE', decreeNumber: '800/1/2024' }, ['level', 'sanction']],
    ['BKPP_ASSESSMENT', { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'TEGURAN_LISAN' }, ['sanction']],
    ['BKPP_ASSESSMENT', { outcome: 'RECOMMEND', level: 'BESAR', sanction: 'TEGURAN_LISAN' }, ['level']],
    ['PPK_DECISION', { outcome: 'IMPOSE', level: 'RINGAN', sanction: 'TEGURAN_LISAN' }, ['decreeNumber']],
    ['PPK_DECISION', { outcome: 'IMPOSE', level: 'RINGAN', sanction: 'TEGURAN_LISAN', decreeNumber: 'x'.repeat(101) }, ['decreeNumber']],
    ['PPK_DECISION', { outcome: 'DISMISS', notes: '' }, ['notes']],
    ['PPK_DECISION', {}, ['outcome']],
  ] as const)('%s %j → errors at %j', (step, form, paths) => {
    expect(errorsOf(() => parseDecisionForm(step, form))).toEqual(paths);
  });

  it('leads each decision to its status', () => {
    expect(statusAfter('OPD_REVIEW', 'FORWARD')).toBe('AWAITING_BKPP_ASSESSMENT');
    expect(statusAfter('BKPP_ASSESSMENT', 'RECOMMEND')).toBe('AWAITING_PPK_DECISION');
    expect(statusAfter('PPK_DECISION', 'IMPOSE')).toBe('SANCTIONED');
    for (const step of ['OPD_REVIEW', 'BKPP_ASSESSMENT', 'PPK_DECISION'] as const) expect(statusAfter(step, 'DISMISS')).toBe('DISMISSED');
  });

  it('rounds waits up to whole seconds, at least one', () => {
    const now = new Date('2024-10-01T00:00:00Z');
    expect(secondsUntil(new Date('2024-10-01T00:00:01.200Z'), now)).toBe(2);
    expect(secondsUntil(new Date('2024-09-30T00:00:00Z'), now)).toBe(1);
  });
});

describe('opdReviewSkipReason', () => {
  const opd = { opdId: 'disdik', name: 'Dinas Pendidikan', updatedAt: '', head: { name: 'Kepala', nip: '197501012000031001', email: 'k@x.go.id' } };
  const employee = (nip?: string) => ({ employee: { nip, name: 'A', position: 'B', opdId: 'disdik', employmentType: nip ? 'PNS' : 'NON_ASN' } as const });
  it('skips for the head’s own case and for an OPD without a head e-mail, and not otherwise', () => {
    expect(opdReviewSkipReason(employee('197501012000031001'), opd)).toMatch(/benturan kepentingan/);
    expect(opdReviewSkipReason(employee('198001012005011001'), { ...opd, head: undefined })).toMatch(/tidak memiliki e-mail/);
    expect(opdReviewSkipReason(employee('198001012005011001'), null)).toMatch(/tidak memiliki e-mail/);
    expect(opdReviewSkipReason(employee('198001012005011001'), opd)).toBeNull();
    expect(opdReviewSkipReason(employee(undefined), opd)).toBeNull();
  });
});

describe('decision links', () => {
  const secret = 'a-test-secret-of-thirty-two-chars!!';
  const nonce = newNonce();
  const id = decisionIdFor(secret, nonce);
  const expiresAt = '2024-11-30T00:00:00.000Z';

  it('derive an opaque 192-bit id from the nonce, only with the secret', () => {
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(decisionIdFor(secret, nonce)).toBe(id);
    expect(decisionIdFor(`${secret}x`, nonce)).not.toBe(id);
    expect(decisionIdFor(secret, newNonce())).not.toBe(id);
    expect(decisionKey(id)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verify only the signature they were issued with', () => {
    const { exp, sig } = signLink(secret, id, expiresAt);
    expect(verifyLink(secret, id, exp, sig)).toBe(true);
    expect(verifyLink(`${secret}x`, id, exp, sig)).toBe(false);
    expect(verifyLink(secret, id, String(Number(exp) + 1), sig)).toBe(false);
    expect(verifyLink(secret, id, exp, sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).toBe(false);
    expect(verifyLink(secret, id, exp, undefined)).toBe(false);
    expect(verifyLink(secret, `${id}A`, exp, sig)).toBe(false);
    // Only the canonical spelling: no leading zero on exp, no unused bits set in the signature's last character.
    expect(verifyLink(secret, id, `0${exp}`, sig)).toBe(false);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const same = [...alphabet].map((c) => sig.slice(0, -1) + c).filter((v) => Buffer.from(v, 'base64url').equals(Buffer.from(sig, 'base64url')));
    expect(same).toHaveLength(16);
    expect(same.filter((v) => verifyLink(secret, id, exp, v))).toEqual([sig]);
    const url = new URL(decisionUrl('https://api.example.go.id/prod', secret, id, expiresAt));
    expect(url.pathname).toBe(`/prod/decisions/${id}`);
    expect(url.searchParams.get('sig')).toBe(sig);
  });
});

describe('the Bawaslu webhook signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>', () => {
    const body = '{"event":"report.closed","report":{"id":"X"}}';
    expect(webhookSignature('s3cret-s3cret-s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update(body).digest('hex')}`);
  });
});

describe('statsFrom', () => {
  it('fills every code, zero when never counted', () => {
    const stats = statsFrom('pilkada-2024', { total: 3, status_SANCTIONED: 1, status_RECEIVED: 2, category_ATRIBUT: 3, level_BERAT: 1, outcome_SANCTIONED: 1 });
    expect(stats.total).toBe(3);
    expect(stats.byStatus).toMatchObject({ SANCTIONED: 1, RECEIVED: 2, DISMISSED: 0 });
    expect(Object.keys(stats.byCategory)).toHaveLength(11);
    expect(stats.byLevel).toEqual({ MORAL: 0, RINGAN: 0, SEDANG: 0, BERAT: 1 });
    expect(stats.byOutcome).toEqual({ SANCTIONED: 1, DISMISSED: 0 });
  });
});

describe('e-mails and pages never show the reporter', () => {
  const report: StoredReport = {
    id: 'R1', receiptCode: 'NTR-AAAA-BBBB-CCCC', regionId: '34.02', electionId: 'pilkada-2024', incidentDate: '2024-10-02',
    stage: 'KAMPANYE', category: 'POLITIK_UANG', description: 'Membagikan <b>amplop</b>.', location: 'Bantul', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'Budi', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'PUBLIC', name: 'Pelapor Rahasia', contact: 'rahasia@example.org' },
    status: 'SANCTIONED', createdAt: '', updatedAt: '',
    decisions: [{ step: 'PPK_DECISION', outcome: 'IMPOSE', level: 'RINGAN', sanction: 'TEGURAN_TERTULIS', decreeNumber: 'SK-1', by: { name: 'Bupati', role: 'PPK' }, at: '2024-10-10T00:00:00Z' }],
    sanction: { level: 'RINGAN', sanction: 'TEGURAN_TERTULIS', decreeNumber: 'SK-1' },
  };
  const facts = caseFacts(report, regionWords({ id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPSDM' }, '34.02'), 'Dinas Pendidikan');
  const approver = { role: 'BKPP' as const, name: 'BKPSDM', email: 'b@x.go.id' };
  const messages = [
    decisionRequestEmail({ facts, step: 'BKPP_ASSESSMENT', approver, url: 'https://x/decisions/abc', deadlineAt: '2024-10-20T00:00:00Z', reminder: false }),
    decisionRequestEmail({ facts, step: 'BKPP_ASSESSMENT', approver, url: 'https://x/decisions/abc', deadlineAt: '2024-10-20T00:00:00Z', reminder: true }),
    escalationEmail({ facts, step: 'BKPP_ASSESSMENT', to: { name: 'Sekda', email: 's@x.go.id' }, approver, deadlineAt: '2024-10-20T00:00:00Z' }),
    bawasluNoticeEmail({ facts, report, bawaslu: { name: 'Bawaslu', email: 'bw@x.go.id' } }),
  ];
  it.each(messages.map((m) => [m.subject, m]))('%s', (_, message) => {
    for (const part of [message.subject, message.text, message.html]) {
      expect(part).not.toContain('Pelapor Rahasia');
      expect(part).not.toContain('rahasia@example.org');
    }
    expect(message.text.indexOf('Yth.')).toBe(0);
    expect(message.text).toContain('---'); // English below
    expect(message.html).toContain('Membagikan &lt;b&gt;amplop&lt;/b&gt;.');
    expect(message.html).not.toContain('<b>amplop</b>');
  });
  it('every text ends with the case (when about one report), a rule and the English paragraph', () => {
    for (const message of messages) expect(message.text).toContain(`\n\n${caseText(facts)}\n\n---\nDear `);
    expect(mailText(['Yth. A,', '', 'isi'], facts, 'Dear A')).toBe(`Yth. A,\n\nisi\n\n${caseText(facts)}\n\n---\nDear A`);
    expect(mailText(['Yth. A,', '', 'isi'], undefined, 'Dear A')).toBe('Yth. A,\n\nisi\n\n---\nDear A');
  });
  it('the webhook report keeps only the reporter’s kind, sealed', () => {
    const sent = JSON.stringify(reportForBawaslu(report, []));
    expect(sent).not.toContain('Pelapor Rahasia');
    expect(JSON.parse(sent).reporter).toEqual({ kind: 'PUBLIC', sealed: true });
  });
  it('html`` escapes what it interpolates', () => {
    expect(html`<p>${'<img src=x onerror=alert(1)>'}</p>`.value).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});

describe('configuration of the workflow functions', () => {
  it('fails fast in AWS mode, naming what a function needs and is missing', () => {
    const aws = loadConfig({ NETRA_MODE: 'aws', TABLE_NAME: 't', AWS_REGION: 'ap-southeast-3' });
    expect(() => required(aws, 'stateMachineArn', 'senderEmail')).toThrow(/STATE_MACHINE_ARN, SENDER_EMAIL must be set in aws mode/);
    expect(() => loadConfig({ NETRA_MODE: 'aws', TABLE_NAME: 't', AWS_REGION: 'x', BASE_URL: 'not a url' })).toThrow(/BASE_URL/);
    const full = loadConfig({
      NETRA_MODE: 'aws', TABLE_NAME: 't', AWS_REGION: 'ap-southeast-3', STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-3:1:stateMachine:s',
      BASE_URL: 'https://api.example.go.id/prod/', SENDER_EMAIL: 'netra@example.go.id', LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-3:1:secret:l',
    });
    expect(required(full, 'baseUrl', 'linkSecretArn')).toEqual({ baseUrl: 'https://api.example.go.id/prod', linkSecretArn: 'arn:aws:secretsmanager:ap-southeast-3:1:secret:l' });
  });
  it('has working defaults in local mode only', () => {
    const local = loadConfig({ NETRA_MODE: 'local', TABLE_NAME: 't', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
    expect(local).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', dataDir: '.netra', senderEmail: 'netra@localhost' });
  });
});
