// Writes a synthetic signatory CSV the way regions keep them: distinct, well-formed NIPs spread over OPDs.
// `node bench/support/generate-signatories.ts --rows 100000 --out signatories.csv [--opds disdik,dinkes]`
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const NAMES = ['Budi Santoso', 'Siti Rahmawati', 'Agus Prasetyo', 'Dewi Lestari', 'Eko Wahyudi', 'Sri Wulandari', 'Joko Susilo', 'Rina Kartika'];
const POSITIONS = ['Guru', 'Perawat', 'Analis Kebijakan', 'Pengelola Keuangan', 'Staf Teknis', 'Pranata Komputer'];

/** The n-th NIP: birth date, appointment month, sex and a 001-999 serial, all distinct for n < 11 million. */
export function nipFor(n: number): string {
  const serial = String(1 + (n % 999)).padStart(3, '0');
  const k = Math.floor(n / 999);
  const day = String(1 + (k % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(k / 28) % 12)).padStart(2, '0');
  const year = 1960 + (Math.floor(k / 336) % 40);
  const sex = 1 + (n % 2);
  return `${year}${month}${day}${2000 + (year % 20)}0${1 + (k % 9)}${sex}${serial}`;
}

export async function writeSignatoryCsv(path: string, rows: number, opdIds: string[], offset = 0): Promise<void> {
  const out = createWriteStream(path);
  out.write('NIP,Nama,Jabatan,OPD,Jenis Pegawai\n');
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    const line = `${nipFor(n)},${NAMES[n % NAMES.length]} ${n},${POSITIONS[n % POSITIONS.length]},${opdIds[n % opdIds.length]},${n % 10 === 9 ? 'PPPK' : 'PNS'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, out: { type: 'string' }, opds: { type: 'string' }, offset: { type: 'string' } } });
  if (!values.out) throw new Error('--out is required');
  await writeSignatoryCsv(values.out, Number(values.rows ?? 100_000), (values.opds ?? 'disdik,dinkes,setda,dpupr').split(','), Number(values.offset ?? 0));
  console.log(`wrote ${values.out}`);
}
