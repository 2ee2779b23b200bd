import { describe, expect, it } from 'vitest';
import { stageOn } from '../../functions/domain/elections.ts';
import { durationSeconds } from '../../functions/domain/durations.ts';
import { SANCTIONS, sanctionBelongsTo } from '../../functions/domain/codes.ts';
import { RECEIPT_CODE_PATTERN, hashSecret, newApiKey, receiptCode, reportIdFor, ulid } from '../../functions/domain/ids.ts';
import { parseUntrustedJson } from '../../functions/lib/safe-json.ts';
import { InputError } from '../../functions/domain/errors.ts';
import { isAfterRegionToday } from '../../functions/use-cases/shared/regions.ts';

describe('stageOn (Pilkada 2024 calendar)', () => {
  it.each([
    ['2024-08-26', 'SEBELUM_TAHAPAN'],
    ['2024-08-27', 'PENDAFTARAN'],
    ['2024-09-24', 'PENDAFTARAN'],
    ['2024-09-25', 'KAMPANYE'],
    ['2024-11-23', 'KAMPANYE'],
    ['2024-11-24', 'MASA_TENANG'],
    ['2024-11-26', 'MASA_TENANG'],
    ['2024-11-27', 'PEMUNGUTAN_PENGHITUNGAN'],
    ['2024-12-16', 'PEMUNGUTAN_PENGHITUNGAN'],
    ['2024-12-17', 'SESUDAH'],
  ])('%s is %s', (date, stage) => {
    expect(stageOn('pilkada-2024', date)).toBe(stage);
  });

  it('uses the Pemilu calendar for pemilu-2024', () => {
    expect(stageOn('pemilu-2024', '2024-02-12')).toBe('MASA_TENANG');
    expect(stageOn('pemilu-2024', '2024-02-14')).toBe('PEMUNGUTAN_PENGHITUNGAN');
    expect(stageOn('pemilu-2024', '2023-01-01')).toBe('SEBELUM_TAHAPAN');
  });
});

describe('durationSeconds', () => {
  it.each([
    ['P3D', 3 * 86400],
    ['P7D', 7 * 86400],
    ['PT12H', 12 * 3600],
    ['P1DT6H', 30 * 3600],
    ['PT30S', 30],
    ['P2W', 14 * 86400],
    ['PT1M30S', 90],
  ])('%s is %i seconds', (value, seconds) => expect(durationSeconds(value)).toBe(seconds));

  it.each(['P', 'PT', '3D', 'P1Y', 'P1M', '', 'P1DT', 'p3d', 'P-1D'])('rejects %j', (value) => {
    expect(durationSeconds(value)).toBeNull();
  });
});

describe('sanctions', () => {
  it('belong to exactly one level', () => {
    expect(sanctionBelongsTo('POTONG_TUKIN_6', 'SEDANG')).toBe(true);
    expect(sanctionBelongsTo('POTONG_TUKIN_6', 'RINGAN')).toBe(false);
    expect(sanctionBelongsTo('PEMBERHENTIAN', 'BERAT')).toBe(true);
    expect(sanctionBelongsTo('MORAL_TERBUKA', 'MORAL')).toBe(true);
    expect(Object.keys(SANCTIONS)).toHaveLength(11);
  });
});

describe('ids', () => {
  it('ulids sort by time', () => {
    const a = ulid(1_700_000_000_000);
    const b = ulid(1_700_000_000_001);
    expect(a).toMatch(/^[0-9A-Z]{26}$/);
    expect(a < b).toBe(true);
  });

  it('derives the same report id from the same region and key, and another for another region', () => {
    expect(reportIdFor('34.02', 'k1')).toBe(reportIdFor('34.02', 'k1'));
    expect(reportIdFor('34.02', 'k1')).not.toBe(reportIdFor('34.01', 'k1'));
    expect(reportIdFor('34.02', 'k1')).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('makes readable, distinct receipt codes', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => receiptCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(RECEIPT_CODE_PATTERN);
  });

  it.each(Array.from({ length: 50 }, (_, i) => i))('issues 32-byte keys and hashes them (%i)', () => {
    const { key, keyId } = newApiKey();
    expect(key.startsWith(`ntr_${keyId}_`)).toBe(true);
    // The secret part is base64url, which may itself contain '_': cut after the prefix, not on '_'.
    expect(Buffer.from(key.slice(`ntr_${keyId}_`.length), 'base64url')).toHaveLength(32);
    expect(hashSecret(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(key)).not.toContain(key);
  });
});

describe('parseUntrustedJson', () => {
  const pathOf = (text: string) => {
    try {
      parseUntrustedJson(text);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).errors[0]!.path;
    }
  };
  it('rejects prototype-pollution keys wherever they are', () => {
    expect(pathOf('{"__proto__":{"admin":true}}')).toBe('__proto__');
    expect(pathOf('{"employee":{"constructor":{"prototype":1}}}')).toBe('employee.constructor');
    expect(pathOf('{"a":[{"prototype":1}]}')).toBe('a.0.prototype');
    // The same keys as ordinary values are fine: only keys are refused.
    expect(pathOf('{"a":"__proto__","b":["constructor"]}')).toBe('accepted');
  });
  it('rejects deep nesting and malformed JSON', () => {
    expect(pathOf('[[[[[[[[[[1]]]]]]]]]]')).toBe('0.0.0.0.0.0.0.0');
    expect(pathOf('{"a":')).toBe('');
    expect(pathOf('{"a":{"b":1}}')).toBe('accepted');
  });
});

describe("a region's today", () => {
  const reads: string[] = [];
  const regions = {
    async get(id: string) {
      reads.push(id);
      return { id, name: id, agencyName: 'BKPSDM' };
    },
    async put() {},
    async listIds() {
      return [];
    },
  };
  // 00:30 WITA on 2 October is 23:30 WIB on 1 October.
  const at = new Date('2024-10-01T16:30:00Z');
  it('is the region’s own date: 00:30 WITA is already the 2nd in Kutai Kartanegara, still the 1st in Bantul', async () => {
    expect(await isAfterRegionToday({ regions }, '64.02', '2024-10-02', at)).toBe(false);
    expect(await isAfterRegionToday({ regions }, '64.02', '2024-10-03', at)).toBe(true);
    expect(await isAfterRegionToday({ regions }, '34.02', '2024-10-02', at)).toBe(true);
    expect(await isAfterRegionToday({ regions }, '34.02', '2024-10-01', at)).toBe(false);
  });
  it('reads the region only for a date that could be today somewhere', async () => {
    reads.length = 0;
    expect(await isAfterRegionToday({ regions }, '64.02', '2024-09-28', at)).toBe(false);
    expect(reads).toEqual([]);
    await isAfterRegionToday({ regions }, '64.02', '2024-10-01', at);
    expect(reads).toEqual(['64.02']);
  });
});
