// A region's own words and time where people read them (Kutai Kartanegara is WITA; Bantul's agency is
// BKPSDM), and the API's error messages in Indonesian and English, never a library's English default.
import { beforeAll, describe, expect, it } from 'vitest';
import { reportBody, seedRegion } from '../support/api.ts';
import { linkIn, mailTo, report, workflowApi } from '../support/workflow.ts';
import { apiClient } from '../../infra/local/api-client.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { submitReport } from '../../functions/use-cases/reports.ts';
import { InputError } from '../../functions/domain/errors.ts';

const deps = dependencies();
const api = workflowApi();
let kukar: ReturnType<typeof apiClient>;
beforeAll(async () => {
  kukar = apiClient(api.url, await seedRegion(deps, '64.02'));
});

// 00:30 WITA on 2 October 2024 is 23:30 WIB on 1 October: "today" differs between the two regions.
const HALF_PAST_MIDNIGHT_WITA = new Date('2024-10-01T16:30:00Z');
const at = (now: Date) => ({ ...deps, clock: { now: () => now } });

describe('Kutai Kartanegara (64.02, WITA)', () => {
  it('accepts a report filed at 00:30 WITA dated that day, which Bantul (WIB) would still call tomorrow', async () => {
    const body = { ...reportBody({ incidentDate: '2024-10-02', location: 'Tenggarong' }), stage: undefined } as any;
    const stored = await submitReport(at(HALF_PAST_MIDNIGHT_WITA), { regionId: '64.02', body });
    expect(stored.incidentDate).toBe('2024-10-02');
    const refused = await submitReport(at(HALF_PAST_MIDNIGHT_WITA), { regionId: '34.02', body }).catch((error) => error);
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.errors).toEqual([{ path: 'incidentDate', message: expect.stringMatching(/belum terjadi.* \/ .*in the future/) }]);

    // Its officials read WITA, in the e-mail, on the page and in the timeline.
    const mail = await mailTo(api, 'kepala.disdik@kukar.demo.netra.example', stored.receiptCode);
    expect(mail.text).toMatch(/berlaku sampai \d{4}-\d{2}-\d{2} \d{2}:\d{2} WITA/);
    expect(mail.text + mail.html).not.toContain('WIB');
    const page = await (await fetch(linkIn(mail))).text();
    expect(page).toMatch(/\d{2}:\d{2} WITA/);
    expect(page).not.toContain('WIB');
    const read = await (await kukar(`/v1/reports/${stored.id}`)).json();
    expect(read.timeline.at(-1).note).toMatch(/berlaku sampai .* WITA/);
  });

  it('shows its time zone in GET /v1/directory', async () => {
    const directory = await (await kukar('/v1/directory')).json();
    expect(directory.region).toEqual({ id: '64.02', name: 'Kabupaten Kutai Kartanegara', agencyName: 'BKPSDM', timeZone: 'Asia/Makassar' });
  });
});

describe('Bantul (34.02, BKPSDM)', () => {
  it('names BKPSDM Kabupaten Bantul, never a generic BKPP, and codes never reach the e-mail', async () => {
    const { receiptCode, id } = await (await api.request('/v1/reports', { method: 'POST', json: reportBody() })).json();
    const mail = await mailTo(api, 'kepala.disdik@bantul.demo.netra.example', receiptCode);
    const page = await (await fetch(linkIn(mail))).text();
    expect(page).toContain('Teruskan ke BKPSDM');
    expect(page).not.toMatch(/\bBKPP\b/);
    expect(mail.text + mail.html).not.toMatch(/\bBKPP\b|MEDIA_SOSIAL|\bPNS;|NON_ASN/);
    expect(mail.text).toContain('Unggah, bagikan, sukai'); // the category in words
    expect((await report(api, id)).timeline.at(-1)!.note).toMatch(/berlaku sampai .* WIB/);
  });
});

describe('error messages in both languages', () => {
  it('a bad report gets only bilingual messages, none of zod’s English defaults', async () => {
    const response = await api.request('/v1/reports', {
      method: 'POST',
      json: { electionId: 'pemilu-1999', incidentDate: 5, category: 'NONSENSE', description: '', evidenceUrls: 'x', employee: { nip: '123' }, reporter: { kind: 'PUBLIC', extra: 1 } },
    });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.length).toBeGreaterThan(5);
    for (const error of problem.errors) {
      expect(Object.keys(error).sort()).toEqual(['message', 'path']);
      expect(error.message, error.path).toMatch(/^[^/]+ \/ .+$/);
      expect(error.message, error.path).not.toMatch(/Invalid input|Invalid option|expected (string|one of)|received/);
    }
    const byPath = Object.fromEntries(problem.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath.location).toBe('wajib diisi / required');
    expect(byPath.category).toContain('pilih salah satu: KAMPANYE');
    expect(byPath.reporter).toContain('kolom tidak dikenal: extra / unknown field(s): extra');
  });

  it('401 and 415 details are bilingual too', async () => {
    const unauthorized = await (await api.request('/v1/reports', { key: null })).json();
    expect(unauthorized.detail).toBe("Kirim kunci API wilayah Anda yang sah di header x-api-key / A valid x-api-key header is required");
    const unsupported = await (await api.request('/v1/reports', { method: 'POST', body: 'a=1', headers: { 'content-type': 'text/plain' } })).json();
    expect(unsupported.detail).toBe('Kirim isi permintaan sebagai application/json / Send the body as application/json');
    expect(unsupported.errors[0].message).toMatch(/ \/ expected application\/json, got text\/plain/);
  });
});
