// The guidance catalogue at the point of decision: BKPP's and the PPK's pages show the report's acts and mark
// their levels; a level on no path needs notes; the decision records whether it followed; stats count it.
import { describe, expect, it } from 'vitest';
import { linkIn, mailTo, postForm, report, stats, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { CURRENT_GUIDANCE } from '../../functions/domain/guidance.ts';

const api = workflowApi();

const BKPP = 'bkpsdm@bantul.demo.netra.example';
const PPK = 'ppk@bantul.demo.netra.example';

/** A report about the OPD without a head, so it goes straight to BKPP. */
async function atBkpp(overrides: Record<string, unknown> = {}) {
  const { id, receiptCode } = await submitToBkpp(api, overrides);
  return { id, receiptCode, url: linkIn(await mailTo(api, BKPP, receiptCode)) };
}

/** A level's choice on the form: its radio's whole label (the guidance mark included). */
const option = (page: string, level: string) => new RegExp(`<label><input type="radio" name="level" value="${level}"[^>]*>[\\s\\S]*?</label>`).exec(page)?.[0] ?? '';

describe("BKPP's page", () => {
  it("shows the category's acts, their paths and basis, and marks the levels the catalogue gives", async () => {
    const { url } = await atBkpp({ category: 'MEDIA_SOSIAL' });
    const page = await (await fetch(url)).text();
    for (const act of CURRENT_GUIDANCE.acts.filter((a) => a.category === 'MEDIA_SOSIAL')) expect(page).toContain(act.title.id);
    expect(page).not.toContain(CURRENT_GUIDANCE.acts.find((a) => a.category === 'PARTAI_POLITIK')!.title.id);
    expect(page).toContain('Kode etik</strong>: sanksi moral');
    expect(page).toContain('hukuman disiplin berat (PP 94/2021)');
    expect(page).toContain('PP 42/2004 Pasal 15');
    expect(option(page, 'MORAL')).toContain('sesuai panduan');
    expect(option(page, 'BERAT')).toContain('sesuai panduan');
    expect(option(page, 'RINGAN')).not.toContain('sesuai panduan');
    expect(option(page, 'SEDANG')).not.toContain('sesuai panduan');
  });

  it('shows only the named act when the report has an actCode', async () => {
    const { url } = await atBkpp({ category: 'PARTAI_POLITIK', actCode: 'PARTAI_MENDEKATI_PARPOL' });
    const page = await (await fetch(url)).text();
    expect(page).toContain('Mendekati partai politik untuk pencalonan');
    expect(page).not.toContain('Menjadi anggota atau pengurus partai politik');
    expect(option(page, 'SEDANG')).toContain('sesuai panduan');
    expect(option(page, 'BERAT')).not.toContain('sesuai panduan');
  });

  it('says so when the catalogue has no act for the category, and asks no notes then', async () => {
    const { id, url } = await atBkpp({ category: 'LAINNYA' });
    expect(await (await fetch(url)).text()).toContain('tidak memuat tindakan untuk kategori ini');
    expect((await postForm(url, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'TEGURAN_LISAN' })).status).toBe(200);
    expect((await report(api, id)).decisions[0]!.guidance).toBeUndefined();
  });
});

describe('a level outside every path', () => {
  it('is refused without notes (400, the form again), then recorded with notes as outside, and counted', async () => {
    const before = (await stats(api)).outsideGuidance;
    const { id, receiptCode, url } = await atBkpp({ category: 'MEDIA_SOSIAL' });
    const refused = await postForm(url, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'TEGURAN_TERTULIS' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('id="notes-error"');
    expect(page).toContain('<form method="post"');
    expect(page).toMatch(/<input type="radio" name="level" value="RINGAN" checked>/);
    expect((await report(api, id)).decisions).toEqual([]);

    const notes = 'Unggahan dihapus dalam satu jam dan pegawai mengakui kekeliruannya.';
    expect((await postForm(url, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'TEGURAN_TERTULIS', notes })).status).toBe(200);
    const recommended = await report(api, id);
    expect(recommended.decisions[0]).toMatchObject({
      level: 'RINGAN', notes,
      guidance: { version: CURRENT_GUIDANCE.version, acts: ['MEDSOS_KAMPANYE_CALON', 'MEDSOS_BAGIKAN_KAMPANYE'], followed: false },
    });
    expect(recommended.timeline.at(-1)!.note).toContain('di luar jalur katalog panduan');
    expect((await stats(api)).outsideGuidance).toBe(before + 1);

    // The PPK's page shows the guidance too, and an IMPOSE outside it also needs notes.
    const ppk = linkIn(await mailTo(api, PPK, receiptCode));
    const ppkPage = await (await fetch(ppk)).text();
    expect(ppkPage).toContain('Panduan sanksi');
    expect(option(ppkPage, 'BERAT')).toContain('sesuai panduan');
    const noNotes = await postForm(ppk, { outcome: 'IMPOSE', sanction: 'TEGURAN_TERTULIS', decreeNumber: '800/123/2024' });
    expect(noNotes.status).toBe(400);
    expect(await noNotes.text()).toContain('id="notes-error"');
    expect((await postForm(ppk, { outcome: 'IMPOSE', sanction: 'TEGURAN_TERTULIS', decreeNumber: '800/123/2024', notes: 'Mengikuti rekomendasi BKPSDM.' })).status).toBe(200);
    expect((await report(api, id)).decisions[1]!.guidance).toMatchObject({ followed: false });
    expect((await stats(api)).outsideGuidance).toBe(before + 2);
  });

  it('a level on a path needs no notes and is recorded as followed, not counted', async () => {
    const before = (await stats(api)).outsideGuidance;
    const { id, url } = await atBkpp({ category: 'MEDIA_SOSIAL', actCode: 'MEDSOS_BAGIKAN_KAMPANYE' });
    expect((await postForm(url, { outcome: 'RECOMMEND', level: 'MORAL', sanction: 'MORAL_TERBUKA' })).status).toBe(200);
    expect((await report(api, id)).decisions[0]!.guidance).toEqual({ version: CURRENT_GUIDANCE.version, acts: ['MEDSOS_BAGIKAN_KAMPANYE'], followed: true });
    expect((await stats(api)).outsideGuidance).toBe(before);
  });
});
