// The four demo regions of the spec, each with a small directory, for the local stack.
import type * as z from 'zod/mini';
import type { Contacts, PutOpdBody } from '../../functions/domain/directory.schema.ts';
import type { SubmitReportBody } from '../../functions/domain/report.schema.ts';
import type { Region } from '../../functions/domain/regions.ts';

export interface DemoRegion {
  region: Region;
  domain: string;
  opds: Record<string, PutOpdBody>;
  contacts: Contacts;
}

function directory(region: Region, domain: string, ppkTitle: string, seed: '01' | '02' | '03' | '04'): DemoRegion {
  const mail = (box: string) => `${box}@${domain}`;
  // Birth date, appointment month, sex digit and serial, as a real NIP is built.
  const nip = (serial: string) => `1975${seed}0${serial.slice(-1)}2000031${serial.slice(1)}`;
  return {
    region,
    domain,
    opds: {
      disdik: { name: 'Dinas Pendidikan', head: { name: 'Kepala Dinas Pendidikan', nip: nip('1001'), email: mail('kepala.disdik') }, headcount: 120 },
      dinkes: { name: 'Dinas Kesehatan', head: { name: 'Kepala Dinas Kesehatan', nip: nip('1002'), email: mail('kepala.dinkes') }, headcount: 80 },
      setda: { name: 'Sekretariat Daerah', head: { name: 'Asisten Pemerintahan', nip: nip('1003'), email: mail('asisten.setda') }, headcount: 60 },
      // No head on record: reports about this OPD skip the OPD review, as the spec requires.
      dpupr: { name: 'Dinas Pekerjaan Umum dan Penataan Ruang', headcount: 45 },
    },
    contacts: {
      bkpp: { name: `${region.agencyName} ${region.name.replace(/^Kabupaten /, '')}`, email: mail(region.agencyName.toLowerCase()) },
      ppk: { name: `${ppkTitle} ${region.name.replace(/^Kabupaten /, '')}`, title: ppkTitle, email: mail('ppk') },
      bawaslu: { name: `Bawaslu ${region.name}`, email: mail('bawaslu') },
      sekda: { name: `Sekretaris Daerah ${region.name}`, email: mail('sekda') },
      // A recommendation's closing notice is copied to BKN (issue 13): the demo shows it in the outbox.
      bkn: { name: 'Badan Kepegawaian Negara', email: mail('bkn') },
    },
  };
}

export const DEMO_REGIONS: DemoRegion[] = [
  directory({ id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPSDM', timeZone: 'Asia/Jakarta' }, 'bantul.demo.netra.example', 'Bupati', '01'),
  directory({ id: '34.01', name: 'Kabupaten Kulon Progo', agencyName: 'BKPP', timeZone: 'Asia/Jakarta' }, 'kulonprogo.demo.netra.example', 'Bupati', '02'),
  directory({ id: '64.02', name: 'Kabupaten Kutai Kartanegara', agencyName: 'BKPSDM', timeZone: 'Asia/Makassar' }, 'kukar.demo.netra.example', 'Pjs Bupati', '03'),
  directory({ id: '62.03', name: 'Kabupaten Kapuas', agencyName: 'BKD', timeZone: 'Asia/Jakarta' }, 'kapuas.demo.netra.example', 'Pj Bupati', '04'),
];

/** A report about Bantul's `disdik` that the intake accepts, as in the README's walk-through (tests and benchmarks). */
export const DEMO_REPORT = {
  electionId: 'pilkada-2024',
  incidentDate: '2024-10-02',
  category: 'MEDIA_SOSIAL',
  description: 'Membagikan poster pasangan calon di grup WhatsApp dinas.',
  location: 'Kantor Dinas Pendidikan, Bantul',
  evidenceUrls: ['https://example.org/bukti/1.png'],
  employee: { nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' },
  reporter: { kind: 'PUBLIC', name: 'Siti Rahma', contact: '0812-0000-0000' },
} satisfies z.input<typeof SubmitReportBody>;

/** The national bodies' contacts for their weekly digest (the local outbox shows it). */
export const DEMO_NATIONAL_CONTACTS = {
  BKN: { name: 'Direktorat Pengawasan dan Pengendalian BKN', email: 'wasdal@bkn.demo.netra.example' },
  BAWASLU_RI: { name: 'Bawaslu RI', email: 'penanganan@bawaslu.demo.netra.example' },
} as const;

/** A few recommendations the national bodies pushed into the demo regions, so the follow-up page is not empty
 *  (pushed through the national route's use case under these idempotency keys, so a restart adds none). */
export const DEMO_RECOMMENDATIONS = [
  { body: 'BKN', key: 'demo-bkn-1', regionId: '34.01', number: 'B-1021/R-BKN/X/2024', issuedAt: '2024-10-21', dueAt: '2024-11-04', category: 'MEDIA_SOSIAL', opdId: 'dinkes', name: 'Rina Lestari', nip: '198502142010012003' },
  { body: 'BKN', key: 'demo-bkn-2', regionId: '64.02', number: 'B-1187/R-BKN/XI/2024', issuedAt: '2024-11-06', category: 'KAMPANYE', opdId: 'setda', name: 'Andi Pratama', nip: '197911202005011004' },
  { body: 'BAWASLU_RI', key: 'demo-bawaslu-1', regionId: '62.03', number: '0815/PP.01.00/K1/11/2024', issuedAt: '2024-11-11', dueAt: '2024-11-25', category: 'ATRIBUT', opdId: 'disdik', name: 'Yohanes Saputra', nip: '198807072015031002' },
] as const;
