// The guidance catalogue's invariants: codes unique and upper snake case, every category but LAINNYA covered,
// sanction paths made of the spec's codes, and the rules that read it.
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, LEVEL_CODES, SANCTIONS } from '../../functions/domain/codes.ts';
import { actsFor, CURRENT_GUIDANCE, GUIDANCE_CATALOGUES, guidanceFor, levelsOnPaths } from '../../functions/domain/guidance.ts';

it('keys every catalogue by its own version', () => {
  for (const [version, catalogue] of Object.entries(GUIDANCE_CATALOGUES)) expect(catalogue.version).toBe(version);
});

describe.each(Object.values(GUIDANCE_CATALOGUES))('catalogue $version', (catalogue) => {
  it('has unique upper-snake-case codes, acts and allowed acts alike', () => {
    const codes = [...catalogue.acts, ...catalogue.allowed].map((act) => act.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('covers every violation category except LAINNYA, and LAINNYA not at all', () => {
    const covered = new Set(catalogue.acts.map((act) => act.category));
    expect([...covered].sort()).toEqual(CATEGORY_CODES.filter((c) => c !== 'LAINNYA').sort());
  });

  it('gives every act at least one path made of valid codes, a basis, and both languages', () => {
    for (const act of catalogue.acts) {
      expect(act.ethics ?? act.discipline, act.code).not.toBeNull();
      for (const sanction of act.ethics?.sanctions ?? []) expect(SANCTIONS[sanction].level, act.code).toBe('MORAL');
      if (act.ethics) expect(act.ethics.sanctions.length, act.code).toBeGreaterThan(0);
      if (act.discipline) expect(act.discipline.levels.length, act.code).toBeGreaterThan(0);
      for (const level of act.discipline?.levels ?? []) {
        expect(LEVEL_CODES, act.code).toContain(level);
        expect(level, act.code).not.toBe('MORAL');
      }
      expect(act.basis.length, act.code).toBeGreaterThan(0);
      for (const words of [act.title, act.description]) {
        expect(words.id.trim().length, act.code).toBeGreaterThan(0);
        expect(words.en.trim().length, act.code).toBeGreaterThan(0);
        expect(words.id, act.code).not.toBe(words.en);
      }
    }
    for (const allowed of catalogue.allowed) expect(allowed.title.id && allowed.title.en, allowed.code).toBeTruthy();
  });

  it('names its allowed acts: voting and attending a campaign passively', () => {
    expect(catalogue.allowed.map((a) => a.code)).toEqual(expect.arrayContaining(['MEMILIH', 'HADIR_KAMPANYE_PASIF']));
  });
});

describe('the rules that read the catalogue', () => {
  it('checks a report against its named act, or every act of its category', () => {
    expect(actsFor({ category: 'MEDIA_SOSIAL', actCode: 'MEDSOS_BAGIKAN_KAMPANYE' }).map((a) => a.code)).toEqual(['MEDSOS_BAGIKAN_KAMPANYE']);
    expect(actsFor({ category: 'MEDIA_SOSIAL' }).map((a) => a.category)).toEqual(['MEDIA_SOSIAL', 'MEDIA_SOSIAL']);
    expect(actsFor({ category: 'LAINNYA' })).toEqual([]);
  });

  it('collects the levels on the paths of the acts, in order', () => {
    expect(levelsOnPaths(actsFor({ category: 'PARTAI_POLITIK', actCode: 'PARTAI_MENDEKATI_PARPOL' }))).toEqual(['MORAL', 'SEDANG']);
    expect(levelsOnPaths(actsFor({ category: 'KEPUTUSAN_BERPIHAK' }))).toEqual(['BERAT']);
    expect(levelsOnPaths(actsFor({ category: 'PARTAI_POLITIK' }))).toEqual(['MORAL', 'SEDANG', 'BERAT']);
    expect(levelsOnPaths([])).toEqual([]);
  });

  it('filters by category and always answers the allowed acts', () => {
    const media = guidanceFor('MEDIA_SOSIAL');
    expect(media.version).toBe(CURRENT_GUIDANCE.version);
    expect(media.acts.length).toBeGreaterThan(0);
    expect(media.acts.every((act) => act.category === 'MEDIA_SOSIAL')).toBe(true);
    expect(media.allowed).toEqual(CURRENT_GUIDANCE.allowed);
    expect(guidanceFor().acts).toHaveLength(CURRENT_GUIDANCE.acts.length);
  });
});
