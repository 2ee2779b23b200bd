// The rules of recommendations and the timeline chain, as pure functions: canonical JSON, hashes, the check
// that names the first broken entry, the source schema's 400s, departures and on-time follow-up.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntries, commitment, entryHash, erasedEntry, resaltChain, verifyChain } from '../../functions/domain/timeline-chain.ts';
import { departureError, followUpClosingCounters, Source } from '../../functions/domain/recommendation.ts';
import { SubmitReportBody } from '../../functions/domain/report.schema.ts';
import { reportBody } from '../support/api.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, 'é': 'x' })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"é":"x"}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson('line\n"quoted"')).toBe('"line\\n\\"quoted\\""');
  });
});

describe('the hash chain', () => {
  const entries = [
    { at: '2024-10-02T01:00:00.000Z', actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' },
    { at: '2024-10-02T01:00:01.000Z', actor: 'SYSTEM', action: 'OPD_REVIEW_SKIPPED', note: 'BKN' },
    { at: '2024-10-02T01:00:02.000Z', actor: 'BKPP', by: 'B', action: 'RECOMMENDED' },
  ];

  it('hashes the previous hash followed by the canonical JSON, from the report id', () => {
    const chained = chainEntries('R1', entries);
    const first = createHash('sha256').update(`R1${canonicalJson(entries[0])}`).digest('hex');
    expect(chained[0]!.hash).toBe(first);
    // An entry with a personal value (a note, who acted) commits to it through its salted hash.
    const salt = (chained[1] as Record<string, unknown>).salt as string;
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(chained[0]).not.toHaveProperty('salt');
    const committed = { ...entries[1], note: `salted:${commitment(salt, 'note', 'BKN')}` };
    expect(chained[1]!.hash).toBe(createHash('sha256').update(`${first}${canonicalJson(committed)}`).digest('hex'));
    // The hash field itself is not hashed, so a stored entry hashes to its own hash.
    expect(entryHash('R1', chained[0]!)).toBe(first);
  });

  it('verifies an intact chain and names the first entry that was changed', () => {
    const chained = chainEntries('R1', entries);
    expect(verifyChain('R1', chained, chained.at(-1)!.hash)).toEqual({ intact: true, entries: 3, timelineHash: chained.at(-1)!.hash, erased: 0 });
    const edited = chained.map((e, i) => (i === 1 ? { ...e, note: 'edited' } : e));
    expect(verifyChain('R1', edited, chained.at(-1)!.hash)).toMatchObject({ intact: false, index: 1, entry: { action: 'OPD_REVIEW_SKIPPED' } });
    // Recomputing the edited entry's hash only moves the mismatch to the next one.
    const rehashed = edited.map((e, i) => (i === 1 ? { ...e, hash: entryHash(chained[0]!.hash, e) } : e));
    expect(verifyChain('R1', rehashed, chained.at(-1)!.hash)).toMatchObject({ intact: false, index: 2 });
    // A dropped last entry shows in the report's timelineHash.
    expect(verifyChain('R1', chained.slice(0, 2), chained.at(-1)!.hash)).toMatchObject({ intact: false, index: 2 });
    expect(verifyChain('R2', chained, chained.at(-1)!.hash)).toMatchObject({ intact: false, index: 0 });
  });
});

describe('erasure in the chain', () => {
  const entries = [
    { at: '2024-10-02T01:00:00.000Z', actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' },
    { at: '2024-10-03T01:00:00.000Z', actor: 'BKPP', by: 'Drs. Pejabat', action: 'DISMISSED', note: 'Tidak terbukti: Budi Santoso.' },
  ];

  it('an erased entry keeps its hash: the values and the salt go, their commitments stay and are checked', () => {
    const chained = chainEntries('R1', entries);
    const erased = chained.map((entry) => erasedEntry(entry));
    expect(erased[1]).not.toHaveProperty('by');
    expect(erased[1]).not.toHaveProperty('note');
    expect(erased[1]).not.toHaveProperty('salt');
    expect(JSON.stringify(erased)).not.toContain('Budi');
    expect(verifyChain('R1', erased, chained.at(-1)!.hash)).toMatchObject({ intact: true, erased: 1 });
    // A commitment changed after erasure breaks the chain where it is.
    const forged = erased.map((e, i) => (i === 1 ? { ...e, erased: { ...(e as Record<string, any>).erased, note: commitment('00', 'note', 'x') } } : e));
    expect(verifyChain('R1', forged, chained.at(-1)!.hash)).toMatchObject({ intact: false, index: 1 });
    // A value put back without its salt does not verify either.
    const restored = erased.map((e, i) => (i === 1 ? { ...e, note: 'Dikembalikan.' } : e));
    expect(verifyChain('R1', restored, chained.at(-1)!.hash)).toMatchObject({ intact: true }); // the note is not covered once erased
  });

  it('a chain stored before salting is resalted once, each changed entry keeping its former hash', () => {
    // Hashed the old way: the values as they are.
    let last = 'R1';
    const old = entries.map((entry) => {
      const hash = createHash('sha256').update(`${last}${canonicalJson(entry)}`).digest('hex');
      last = hash;
      return { ...entry, hash };
    });
    expect(verifyChain('R1', old, last)).toMatchObject({ intact: true }); // old chains still verify
    expect(() => erasedEntry(old[1]!)).toThrow(/resalt/);
    const resalted = resaltChain('R1', old)!;
    expect(resalted.entries[0]).toEqual(old[0]); // nothing personal: unchanged
    expect(resalted.entries[1]).toMatchObject({ formerHash: old[1]!.hash, salt: expect.any(String) });
    expect(verifyChain('R1', resalted.entries, resalted.timelineHash)).toMatchObject({ intact: true });
    expect(resaltChain('R1', resalted.entries)).toBeNull();
    const erased = resalted.entries.map((e) => erasedEntry(e));
    expect(verifyChain('R1', erased, resalted.timelineHash)).toMatchObject({ intact: true, erased: 1 });
  });
});

describe('the source of a report', () => {
  const bkn = { kind: 'BKN_RECOMMENDATION', number: 'B-123/KASN/2024', issuedAt: '2024-10-10', dueAt: '2024-10-24', recommendedLevel: 'SEDANG', recommendedSanction: 'POTONG_TUKIN_6' };
  const paths = (value: unknown) => {
    const result = SubmitReportBody.safeParse(reportBody({ source: value }));
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('defaults to INTERNAL and takes a valid recommendation', () => {
    expect(SubmitReportBody.parse(reportBody()).source).toEqual({ kind: 'INTERNAL' });
    expect(SubmitReportBody.parse(reportBody({ source: bkn })).source).toEqual(bkn);
    expect(Source.parse({ kind: 'BAWASLU_RECOMMENDATION', number: '1', issuedAt: '2024-10-10' }).kind).toBe('BAWASLU_RECOMMENDATION');
  });

  it.each([
    [{ ...bkn, recommendedSanction: 'TEGURAN_LISAN' }, 'source.recommendedSanction'],
    [{ ...bkn, recommendedLevel: undefined }, 'source.recommendedLevel'],
    [{ ...bkn, issuedAt: '2024-02-30' }, 'source.issuedAt'],
    [{ ...bkn, dueAt: '2024-10-01' }, 'source.dueAt'],
    [{ ...bkn, number: '' }, 'source.number'],
    [{ ...bkn, kind: 'KASN' }, 'source.kind'],
    [{ kind: 'INTERNAL', number: 'x' }, 'source'],
  ])('refuses %j naming %s', (value, path) => {
    expect(paths(value)).toContain(path);
  });
});

describe('following a recommendation up', () => {
  const rec = { kind: 'BKN_RECOMMENDATION' as const, number: 'n', issuedAt: '2024-10-10', recommendedLevel: 'SEDANG' as const, recommendedSanction: 'POTONG_TUKIN_6' as const };

  it('needs notes for a decision that departs from the recommendation', () => {
    expect(departureError(rec, { outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_6' })).toBeNull();
    expect(departureError(rec, { outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_9' })?.path).toBe('notes');
    expect(departureError(rec, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' })?.path).toBe('notes');
    expect(departureError(rec, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN', notes: 'Berulang.' })).toBeNull();
    expect(departureError(null, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).toBeNull();
    expect(departureError({ ...rec, recommendedSanction: undefined, recommendedLevel: undefined }, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).toBeNull();
  });

  it('counts a recommendation closed on time by its due time, and internal reports not at all', () => {
    const due = '2024-10-24T15:59:59.999Z';
    expect(followUpClosingCounters({ source: rec, followUpDueAt: due }, '2024-10-24T15:00:00.000Z')).toEqual({ followUp_closed: 1, followUp_closedOnTime: 1 });
    expect(followUpClosingCounters({ source: rec, followUpDueAt: due }, '2024-10-24T16:00:00.000Z')).toEqual({ followUp_closed: 1 });
    expect(followUpClosingCounters({ source: { kind: 'INTERNAL' }, followUpDueAt: due }, '2024-10-01T00:00:00.000Z')).toEqual({});
    expect(followUpClosingCounters({}, '2024-10-01T00:00:00.000Z')).toEqual({});
    // An overdue recommendation that closes is overdue no more.
    expect(followUpClosingCounters({ source: rec, overdueAt: '2024-10-20T00:00:00.000Z' }, '2024-10-25T00:00:00.000Z'))
      .toEqual({ followUp_closed: 1, followUp_overdue: -1 });
    expect(followUpClosingCounters({ source: rec, followUpDueAt: '2024-10-30T00:00:00.000Z', overdueAt: '2024-10-20T00:00:00.000Z' }, '2024-10-25T00:00:00.000Z'))
      .toEqual({ followUp_closed: 1, followUp_closedOnTime: 1, followUp_overdue: -1 });
  });
});
