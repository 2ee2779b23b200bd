// The directory over the fakes: webhook addresses refused before they are stored, approver changes applied at once
// (and an answer that does not wait on them), the minimum deadline, and the write-only webhook secret.
import { describe, expect, it } from 'vitest';
import { getDirectory, putContacts, putOpd, putSettings } from '../../../functions/use-cases/directory.ts';
import { InputError, NotFoundError } from '../../../functions/domain/errors.ts';
import { DEFAULT_SETTINGS, DEFAULT_RETENTION, type Settings } from '../../../functions/domain/directory.schema.ts';
import { fails } from '../../support/fakes.ts';
import { BANTUL, bantul, REGION, waitingAt } from '../../support/scenarios.ts';

const NEW_BKPP = { name: 'Kepala BKPSDM Baru', email: 'kepala.bkpsdm.baru@bantul.example' };

describe('putContacts', () => {
  it('refuses a webhook address netra never delivers to, naming the field, and keeps the old contacts', async () => {
    const fakes = await bantul();
    const bawaslu = { ...BANTUL.contacts.bawaslu, webhookUrl: 'http://169.254.169.254/latest/meta-data/', webhookSecret: 's3cret-s3cret-s3cret' };
    const error = await putContacts(fakes, REGION, { ...BANTUL.contacts, bawaslu }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).errors.map((e) => e.path)).toEqual(['bawaslu.webhookUrl']);
    expect(await fakes.directory.getContacts(REGION)).toEqual(BANTUL.contacts);
  });

  it('hands waiting BKPP steps to the new holder at once', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await putContacts(fakes, REGION, { ...BANTUL.contacts, bkpp: NEW_BKPP });
    expect(fakes.mailer.to(NEW_BKPP.email)).toHaveLength(1);
    expect((await fakes.decisions.get(waiting.record.key))!.status).toBe('HANDED_OVER');
  });

  it('stores the contacts even when the hand-overs cannot run now, and says so in the log', async () => {
    const fakes = await bantul();
    await waitingAt(fakes, 'BKPP_ASSESSMENT');
    fakes.reportQueries.before.list.once(fails('DynamoDB is unreachable'));
    await expect(putContacts(fakes, REGION, { ...BANTUL.contacts, bkpp: NEW_BKPP })).resolves.toBeUndefined();
    expect((await fakes.directory.getContacts(REGION))!.bkpp).toEqual(NEW_BKPP);
    expect(fakes.log.warnings()).toEqual([expect.stringContaining('the reconciler applies them')]);
  });
});

describe('putOpd', () => {
  it('hands over only the OPD review of that OPD', async () => {
    const fakes = await bantul();
    const review = await waitingAt(fakes, 'OPD_REVIEW');
    const bkpp = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await putOpd(fakes, REGION, 'disdik', { ...BANTUL.opds.disdik!, head: { name: 'Kepala Baru', nip: '197501012000031099', email: 'kepala.baru@bantul.example' } });
    expect((await fakes.decisions.get(review.record.key))!.status).toBe('HANDED_OVER');
    expect((await fakes.decisions.get(bkpp.record.key))!.status).toBe('PENDING');
    expect(fakes.mailer.to('kepala.baru@bantul.example')).toHaveLength(1);
  });
});

describe('putSettings', () => {
  const settings = (deadline: string): Settings => ({
    opdReview: { remindAfter: 'PT1M', deadline },
    bkppAssessment: { ...DEFAULT_SETTINGS.bkppAssessment },
    ppkDecision: { remindAfter: 'PT1M', deadline, maxEscalations: 3 },
    retention: { ...DEFAULT_RETENTION },
  });

  it('refuses deadlines shorter than the minimum, naming each step, and stores nothing', async () => {
    const fakes = await bantul();
    const error = await putSettings(fakes, REGION, settings('PT30M'), 3600).catch((e: unknown) => e);
    expect((error as InputError).errors.map((e) => e.path)).toEqual(['opdReview.deadline', 'ppkDecision.deadline']);
    expect(await fakes.directory.getSettings(REGION)).toEqual({ ...DEFAULT_SETTINGS, retention: DEFAULT_RETENTION });
  });

  it('checks and sets only the steps it is given; the others keep their stored values', async () => {
    const fakes = await bantul();
    await putSettings(fakes, REGION, { ppkDecision: { remindAfter: 'P1D', deadline: 'P9D', maxEscalations: 1 } });
    const merged = await putSettings(fakes, REGION, { opdReview: { remindAfter: 'PT1H', deadline: 'PT2H' } }, 3600);
    expect(merged).toEqual({ ...DEFAULT_SETTINGS, retention: DEFAULT_RETENTION, opdReview: { remindAfter: 'PT1H', deadline: 'PT2H' }, ppkDecision: { remindAfter: 'P1D', deadline: 'P9D', maxEscalations: 1 } });
    expect(await fakes.directory.getSettings(REGION)).toEqual(merged);
  });

  it('takes a deadline of exactly the minimum', async () => {
    const fakes = await bantul();
    await putSettings(fakes, REGION, settings('PT1H'), 3600);
    expect((await fakes.directory.getSettings(REGION)).opdReview.deadline).toBe('PT1H');
  });
});

describe('getDirectory', () => {
  it('never answers the webhook secret, only that one is set; the region\'s zone is filled in', async () => {
    const fakes = await bantul();
    const bawaslu = { ...BANTUL.contacts.bawaslu, webhookUrl: 'https://bawaslu.example/hook', webhookSecret: 's3cret-s3cret-s3cret' };
    await fakes.directory.putContacts(REGION, { ...BANTUL.contacts, bawaslu });
    await fakes.regions.put({ id: REGION, name: 'Kabupaten Bantul', agencyName: 'BKPSDM' });
    const directory = await getDirectory(fakes, REGION);
    expect(directory.contacts!.bawaslu).toEqual({ name: bawaslu.name, email: bawaslu.email, webhookUrl: bawaslu.webhookUrl, webhookSecretSet: true });
    expect(JSON.stringify(directory)).not.toContain('s3cret');
    expect(directory.region.timeZone).toBe('Asia/Jakarta');
    expect(directory.opds.map((opd) => opd.opdId)).toEqual(['dinkes', 'disdik', 'dpupr', 'setda']);
  });

  it('an unknown region is not found', async () => {
    const fakes = await bantul();
    await expect(getDirectory(fakes, '99.99')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDirectory(fakes, '99.99')).rejects.toThrow('Wilayah 99.99 tidak ditemukan / region not found');
  });
});
