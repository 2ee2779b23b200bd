// Reads the signatory CSV files regions keep (NIP, name, OPD, employment type) as a stream of API rows,
// repairing what spreadsheet exports do to them and refusing what cannot be repaired.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export interface SignatoryRowOut {
  nip?: string;
  name: string;
  position?: string;
  opdId: string;
  employmentType: string;
}

export type CsvRecord =
  | { line: number; bytes: number; row: SignatoryRowOut; nip: string }
  | { line: number; bytes: number; error: string; nip: string };

type Column = 'nip' | 'name' | 'opd' | 'employmentType' | 'position';

// Header names as regions write them, compared without case, spaces, dots, dashes or underscores.
const HEADERS: Record<string, Column> = {
  nip: 'nip', nipbaru: 'nip',
  name: 'name', nama: 'name', namalengkap: 'name', namapegawai: 'name',
  opd: 'opd', opdid: 'opd', kodeopd: 'opd', namaopd: 'opd', unitkerja: 'opd', perangkatdaerah: 'opd',
  employmenttype: 'employmentType', jenispegawai: 'employmentType', statuspegawai: 'employmentType',
  statuskepegawaian: 'employmentType', jeniskepegawaian: 'employmentType', jenis: 'employmentType', status: 'employmentType',
  position: 'position', jabatan: 'position',
};
const REQUIRED: Column[] = ['nip', 'name', 'opd', 'employmentType'];

const squash = (value: string) => value.toLowerCase().replace(/[\s._-]+/g, '');

export class CsvHeaderError extends Error {}

function mapHeader(header: string[]): (Column | undefined)[] {
  const columns = header.map((name) => HEADERS[squash(name)]);
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length) {
    throw new CsvHeaderError(
      `Kolom wajib tidak ada / required columns missing: ${missing.join(', ')}. ` +
        `The first line must name the columns, e.g. "NIP,Nama,OPD,Jenis Pegawai" (found: ${header.join(', ')}).`,
    );
  }
  return columns;
}

const EMPLOYMENT: Record<string, string> = {
  pns: 'PNS', cpns: 'PNS', pppk: 'PPPK', p3k: 'PPPK',
  nonasn: 'NON_ASN', honorer: 'NON_ASN', tenagahonorer: 'NON_ASN', thl: 'NON_ASN', ptt: 'NON_ASN',
};

/** The NIP as 18 digits, undefined when empty, or the reason it cannot be trusted. */
export function cleanNip(raw: string): { nip?: string } | { error: string } {
  // A leading apostrophe is how Excel users force text; spaces group the NIP's parts (19800101 200501 1 001).
  const value = raw.trim().replace(/^'/, '').replace(/[\s-]+/g, '');
  if (value === '') return {};
  if (/^\d+(?:[.,]\d+)?e\+?\d+$/i.test(value)) {
    return {
      error:
        `NIP "${raw.trim()}" ditulis Excel sebagai angka ilmiah, digitnya hilang; format kolom NIP sebagai Teks lalu ekspor ulang / ` +
        'NIP was saved by Excel in scientific notation and its digits are lost: format the column as Text and export again',
    };
  }
  const digits = value.replace(/\.0+$/, '');
  // Excel keeps 15 significant digits: an 18-digit NIP saved as a number ends in 000, and no serial is 000.
  if (/^\d{15}000$/.test(digits)) {
    return {
      error:
        `NIP ${digits} berakhiran 000: kemungkinan dipotong Excel menjadi 15 digit; format kolom NIP sebagai Teks lalu ekspor ulang / ` +
        'NIP ends in 000, as Excel leaves a number it cut to 15 digits: format the column as Text and export again',
    };
  }
  return { nip: digits };
}

/** Maps one CSV record to an API row; `opdByName` lets the OPD column hold the OPD's name instead of its id. */
export function toRow(fields: Partial<Record<Column, string>>, opdByName: Map<string, string>): SignatoryRowOut | { error: string } {
  const nip = cleanNip(fields.nip ?? '');
  if ('error' in nip) return nip;
  const opd = (fields.opd ?? '').trim();
  const type = (fields.employmentType ?? '').trim();
  const position = (fields.position ?? '').trim();
  return {
    ...(nip.nip ? { nip: nip.nip } : {}),
    name: (fields.name ?? '').trim().replace(/\s+/g, ' '),
    ...(position ? { position } : {}),
    opdId: opdByName.get(squash(opd)) ?? opd,
    employmentType: EMPLOYMENT[squash(type)] ?? type.toUpperCase(),
  };
}

/** Streams the records of a signatory CSV, each with its line number; bad lines come out as errors, not exceptions. */
export async function* readSignatoryCsv(input: Readable, opdByName = new Map<string, string>()): AsyncGenerator<CsvRecord> {
  let columns: (Column | undefined)[] | undefined;
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      relax_quotes: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    if (!columns) {
      columns = mapHeader(record);
      continue;
    }
    const fields: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      if (column && fields[column] === undefined) fields[column] = record[i] ?? '';
    });
    const row = toRow(fields, opdByName);
    const nip = (fields.nip ?? '').trim();
    yield 'error' in row ? { line: info.lines, bytes: info.bytes, error: row.error, nip } : { line: info.lines, bytes: info.bytes, row, nip };
  }
  if (!columns) throw new CsvHeaderError('Berkas CSV kosong / the CSV file is empty.');
}
