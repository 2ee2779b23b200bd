// Every CSV netra writes for people (the import's rejects file now, exports later): csv-stringify's quoting,
// and spreadsheet formulas neutralised, so a cell like =HYPERLINK(...) opens in Excel as text.
import { stringify } from 'csv-stringify/sync';

/** Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it as text: a leading formula character gets a `'` before it. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV lines (RFC 4180 quoting, \n line ends) of the rows, every cell neutralised. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return stringify(rows as (string | number)[][], {
    eof: true,
    cast: { string: neutralise, number: (value) => neutralise(String(value)) },
  });
}
