// The signatory CSV reader: what spreadsheets and regional systems really export.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanNip, readSignatoryCsv, type CsvRecord } from '../../infra/admin/signatory-csv.ts';

async function read(text: string | Buffer, opdByName = new Map<string, string>()): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of readSignatoryCsv(Readable.from([text]), opdByName)) records.push(record);
  return records;
}

const rows = (records: CsvRecord[]) => records.map((r) => ('row' in r ? r.row : { error: r.error }));

describe('readSignatoryCsv', () => {
  it('reads a plain file with its line numbers', async () => {
    const records = await read('NIP,Nama,OPD,Jenis Pegawai\n198001012005011001,Budi Santoso,disdik,PNS\n199002022019032002,Siti Aminah,dinkes,PPPK\n');
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(rows(records)).toEqual([
      { nip: '198001012005011001', name: 'Budi Santoso', opdId: 'disdik', employmentType: 'PNS' },
      { nip: '199002022019032002', name: 'Siti Aminah', opdId: 'dinkes', employmentType: 'PPPK' },
    ]);
  });

  it('handles a UTF-8 BOM, CRLF line ends, blank lines and quoted commas', async () => {
    const text = '\uFEFFNIP,Nama,Jabatan,OPD,Jenis Pegawai\r\n\r\n198001012005011001,"Santoso, S.Pd., M.Pd.","Guru Ahli Muda, Kelas 9",disdik,PNS\r\n   \r\n,,,,\r\n198001012005011002,"Dewi ""Ayu"" Lestari",Perawat,dinkes,PNS\r\n';
    const records = await read(Buffer.from(text, 'utf8'));
    expect(rows(records)).toEqual([
      { nip: '198001012005011001', name: 'Santoso, S.Pd., M.Pd.', position: 'Guru Ahli Muda, Kelas 9', opdId: 'disdik', employmentType: 'PNS' },
      { nip: '198001012005011002', name: 'Dewi "Ayu" Lestari', position: 'Perawat', opdId: 'dinkes', employmentType: 'PNS' },
    ]);
    expect(records.map((r) => r.line)).toEqual([3, 6]);
  });

  it('keeps a quoted field that spans lines', async () => {
    const records = await read('NIP,Nama,OPD,Jenis\n198001012005011001,"Budi\nSantoso",disdik,PNS\n198001012005011002,Ani,disdik,PNS\n');
    expect(rows(records)[0]).toMatchObject({ name: 'Budi Santoso' });
    expect(records.map((r) => r.line)).toEqual([3, 4]);
  });

  it('repairs NIPs from Excel: apostrophes, spaces, .0; refuses scientific notation and cut digits', async () => {
    const records = await read(
      [
        'nip,nama,opd,status kepegawaian',
        "'198001012005011001,A,disdik,PNS",
        '19800101 200501 1 002,B,disdik,PNS',
        '198001012005011003.0,C,disdik,PNS',
        '1.98001E+17,D,disdik,PNS',
        '198001012005011000,E,disdik,PNS',
        ',F,disdik,Honorer',
      ].join('\n'),
    );
    expect(rows(records)).toEqual([
      { nip: '198001012005011001', name: 'A', opdId: 'disdik', employmentType: 'PNS' },
      { nip: '198001012005011002', name: 'B', opdId: 'disdik', employmentType: 'PNS' },
      { nip: '198001012005011003', name: 'C', opdId: 'disdik', employmentType: 'PNS' },
      { error: expect.stringMatching(/scientific notation/) },
      { error: expect.stringMatching(/15 digits/) },
      { name: 'F', opdId: 'disdik', employmentType: 'NON_ASN' },
    ]);
    expect(records[3]).toMatchObject({ line: 5, nip: '1.98001E+17' });
  });

  it('maps header names and OPD names loosely', async () => {
    const byName = new Map([['dinaspendidikan', 'disdik']]);
    const records = await read('Nama Lengkap;NIP;Unit Kerja;Jenis Kepegawaian\n', byName).catch((e) => e);
    expect(records).toBeInstanceOf(Error); // a semicolon file is one column: the header check says what is missing
    const ok = await read('Nama Lengkap,NIP Baru,Unit Kerja,Jenis Kepegawaian\nBudi,198001012005011001,Dinas Pendidikan,non-asn\n', byName);
    expect(rows(ok)).toEqual([{ nip: '198001012005011001', name: 'Budi', opdId: 'disdik', employmentType: 'NON_ASN' }]);
  });

  it('names the missing columns', async () => {
    await expect(read('NIP,Nama\n1,2\n')).rejects.toThrow(/opd, employmentType/);
    await expect(read('')).rejects.toThrow(/empty/);
  });
});

describe('cleanNip', () => {
  it.each([
    ['198001012005011001', { nip: '198001012005011001' }],
    ['  198001012005011001 ', { nip: '198001012005011001' }],
    ['', {}],
    ['12345', { nip: '12345' }], // left for the API to reject with its own message
  ])('%j', (raw, expected) => expect(cleanNip(raw)).toEqual(expected));

  it.each(['1.98001E+17', '1,98001E+17', '1.98001012005011e17'])('refuses %s', (raw) => expect(cleanNip(raw)).toHaveProperty('error'));
});
