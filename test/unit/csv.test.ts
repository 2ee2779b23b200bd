// CSV netra writes for people: csv-stringify's quoting round-trips, and formulas come out as text.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLines, neutralise } from '../../functions/lib/csv.ts';

describe('csvLines', () => {
  it('quotes commas, quotes and newlines so they parse back as they were', () => {
    const rows = [['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'plain', 'Pegawai, "Staf"\nBaru']];
    expect(parse(csvLines(rows))).toEqual(rows);
  });

  it.each(['=HYPERLINK("http://evil.example","klik")', '+62 812', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'])(
    'neutralises %j with a leading quote',
    (cell) => {
      const back = (parse(csvLines([[cell]])) as string[][])[0]![0];
      expect(back).toBe(`'${cell}`);
      expect(back).not.toMatch(/^[=+\-@\t\r]/);
    },
  );

  it('leaves other cells alone, numbers included, and neutralises negative numbers too', () => {
    expect(parse(csvLines([[32, '198501012010011100', 'NIP harus 18 digit / NIP must be 18 digits', 'a=b']]))).toEqual([
      ['32', '198501012010011100', 'NIP harus 18 digit / NIP must be 18 digits', 'a=b'],
    ]);
    expect(neutralise('-1')).toBe("'-1");
    expect(parse(csvLines([[-1]]))).toEqual([["'-1"]]);
  });
});
