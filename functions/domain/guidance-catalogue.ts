// The guidance catalogue's words: what an ASN may not do in an election and the sanction paths the 2022 joint
// guidance gives each act, and what an ASN may do. Versioned like the pledge texts, so a decision keeps the text
// it was checked against; the rules that read it are in guidance.ts.
import type { Category, Level, Sanction } from './codes.ts';

export interface Words {
  id: string;
  en: string;
}

/** One prohibited act and its sanction paths: a moral sanction of the code of ethics, a discipline level, or both. */
export interface GuidanceAct {
  code: string;
  category: Exclude<Category, 'LAINNYA'>;
  title: Words;
  description: Words;
  /** The code-of-ethics path: the moral sanctions of PP 42/2004 Art. 15. */
  ethics: { sanctions: Array<Extract<Sanction, 'MORAL_TERTUTUP' | 'MORAL_TERBUKA'>> } | null;
  /** The discipline path: the PP 94/2021 levels the guidance names. */
  discipline: { levels: Array<Exclude<Level, 'MORAL'>> } | null;
  /** Where a reader can check it. */
  basis: string[];
}

/** Something an ASN may do, often mistaken for a violation. */
export interface AllowedAct {
  code: string;
  title: Words;
  note?: string;
}

export interface GuidanceCatalogue {
  version: string;
  acts: GuidanceAct[];
  allowed: AllowedAct[];
}

const SKB_2022 =
  'SKB 2022 tentang pedoman pembinaan dan pengawasan netralitas ASN (MenPAN-RB 2/2022, Mendagri 800-5474/2022, Kepala BKN 246/2022, Ketua KASN 30/2022, Ketua Bawaslu 1447.1/PM.01/K.1/09/2022)';
const ETHICS = 'PP 42/2004 Pasal 15 (sanksi moral)';
const HEAVY = 'PP 94/2021 Pasal 14 (hukuman disiplin berat)';
const MEDIUM = 'PP 94/2021 (hukuman disiplin sedang)';
const CRIMINAL_PEMILU = 'UU 7/2017 Pasal 280 ayat (3) dan 494 (jalur pidana pemilu, melalui Gakkumdu)';
const CRIMINAL_PILKADA = 'UU 10/2016 (jalur pidana pemilihan kepala daerah, melalui Gakkumdu)';
const BOTH_MORAL = { sanctions: ['MORAL_TERTUTUP', 'MORAL_TERBUKA'] } as GuidanceAct['ethics'];

// Written for netra from the two tables of the 2022 joint guidance (GUIDANCE-FACTS.md has the sources). Where
// the tables have no row of their own for a category, the act is filed under the row it falls in, and its
// description says so. Not legal advice: the basis is there so that a reader can check it.
const SKB_2022_V1: GuidanceCatalogue = {
  version: 'skb-2022/v1',
  acts: [
    {
      code: 'KAMPANYE_HADIR_MENDUKUNG',
      category: 'KAMPANYE',
      title: { id: 'Menghadiri deklarasi atau kampanye dan ikut mendukung', en: 'Attending a declaration or campaign and actively supporting it' },
      description: {
        id: 'Datang ke deklarasi, kampanye atau sosialisasi calon dan menunjukkan dukungan: bersorak, memakai atribut, berfoto bersama, atau ikut berbicara. Hadir diam-diam untuk mendengar program tidak termasuk.',
        en: "Going to a candidate's declaration, campaign or socialisation event and showing support: cheering, wearing attributes, posing for photos, or speaking. Attending quietly to hear the programme is not this act.",
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY, CRIMINAL_PEMILU, CRIMINAL_PILKADA],
    },
    {
      code: 'KAMPANYE_TIM_PEMENANGAN',
      category: 'KAMPANYE',
      title: { id: 'Menjadi anggota tim kampanye atau tenaga ahlinya', en: 'Being a member of a campaign team or one of its experts' },
      description: {
        id: 'Terdaftar atau bekerja sebagai tim kampanye, tim pemenangan, atau tenaga ahli calon. Sebelum penetapan calon: disiplin sedang; sesudah penetapan: disiplin berat.',
        en: "Being listed or working on a candidate's campaign or winning team, or as its expert. Before the candidates are set: medium discipline; after: heavy discipline.",
      },
      ethics: null,
      discipline: { levels: ['SEDANG', 'BERAT'] },
      basis: [SKB_2022, MEDIUM, HEAVY],
    },
    {
      code: 'MEDSOS_KAMPANYE_CALON',
      category: 'MEDIA_SOSIAL',
      title: { id: 'Berkampanye untuk bakal calon di media sosial', en: 'Campaigning for a prospective candidate on social media' },
      description: {
        id: 'Membuat unggahan, video atau siaran yang mengajak memilih atau mempromosikan bakal calon atau calon, di akun pribadi maupun akun kantor.',
        en: 'Making posts, videos or streams that ask people to vote for or promote a prospective candidate or candidate, on a personal or an office account.',
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY],
    },
    {
      code: 'MEDSOS_BAGIKAN_KAMPANYE',
      category: 'MEDIA_SOSIAL',
      title: { id: 'Mengunggah, mengomentari, membagikan, menyukai atau mengikuti akun calon', en: "Posting, commenting, sharing, liking or following a candidate's accounts" },
      description: {
        id: 'Ikut menyebarkan atau menanggapi konten kampanye calon atau tim pemenangannya, termasuk memberi tanda suka, membagikan ulang, berkomentar mendukung, mengikuti akunnya, atau bergabung dengan grup pendukungnya.',
        en: "Spreading or reacting to the campaign content of a candidate or their winning team: liking, re-sharing, supportive comments, following their accounts, or joining their supporters' groups.",
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY],
    },
    {
      code: 'ATRIBUT_SPANDUK_ALAT_PERAGA',
      category: 'ATRIBUT',
      title: { id: 'Memasang spanduk, baliho atau alat peraga calon', en: "Putting up a candidate's banners, billboards or campaign props" },
      description: {
        id: 'Memasang, membagikan atau menyimpan untuk dibagikan spanduk, baliho, stiker, kaus atau alat peraga lain yang mempromosikan calon.',
        en: 'Putting up, handing out or keeping for distribution banners, billboards, stickers, shirts or other props that promote a candidate.',
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY],
    },
    {
      code: 'ATRIBUT_FOTO_SIMBOL_GESTUR',
      category: 'ATRIBUT',
      title: { id: 'Berfoto dengan calon, simbol partai, atau gestur dukungan', en: 'Posing with a candidate, party symbols or gestures of support' },
      description: {
        id: 'Mengunggah atau menyebarkan foto bersama calon, dengan simbol atau nomor urut partai, atau dengan gestur jari yang menunjukkan dukungan.',
        en: "Posting or spreading photos with a candidate, with a party's symbol or ballot number, or with a finger gesture that shows support.",
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY],
    },
    {
      code: 'KEPUTUSAN_MENGUNTUNGKAN_CALON',
      category: 'KEPUTUSAN_BERPIHAK',
      title: { id: 'Membuat keputusan atau tindakan yang menguntungkan atau merugikan calon', en: 'Making decisions or taking actions that favour or harm a candidate' },
      description: {
        id: 'Memakai kewenangan jabatan untuk menguntungkan atau merugikan calon: program, bantuan, perizinan, mutasi, atau pelayanan yang dibeda-bedakan menurut pilihan politik.',
        en: 'Using the powers of office to favour or harm a candidate: programmes, aid, permits, transfers or services that differ by political choice.',
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, HEAVY, CRIMINAL_PEMILU],
    },
    {
      code: 'FASILITAS_NEGARA_UNTUK_CALON',
      category: 'FASILITAS_NEGARA',
      title: { id: 'Memakai fasilitas negara untuk kegiatan calon', en: "Using state facilities for a candidate's activities" },
      description: {
        id: 'Memakai kendaraan dinas, gedung, anggaran, atau jam kerja untuk kegiatan calon. Pedoman bersama mencatatnya sebagai tindakan yang menguntungkan calon, maka jalurnya sama.',
        en: "Using official vehicles, buildings, budgets or working hours for a candidate's activities. The joint guidance counts it as an action that favours a candidate, so its path is the same.",
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, HEAVY, CRIMINAL_PEMILU],
    },
    {
      code: 'INTIMIDASI_PENGERAHAN_PEGAWAI',
      category: 'INTIMIDASI',
      title: { id: 'Mengintimidasi atau mengerahkan pegawai dan warga untuk calon', en: 'Intimidating or mobilising staff and residents for a candidate' },
      description: {
        id: 'Mengancam, menekan, atau menjanjikan jabatan kepada bawahan atau warga agar mendukung calon, atau mengerahkan mereka ke kegiatan calon (misalnya lewat grup WhatsApp kantor). Dicatat sebagai kegiatan yang berpihak.',
        en: "Threatening, pressuring or promising promotion to staff or residents so that they support a candidate, or marshalling them to a candidate's events (for example through office WhatsApp groups). Counted as a partisan activity.",
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, HEAVY, CRIMINAL_PEMILU, CRIMINAL_PILKADA],
    },
    {
      code: 'POLITIK_UANG_PEMBERIAN',
      category: 'POLITIK_UANG',
      title: { id: 'Memberi atau menjanjikan uang atau barang untuk calon', en: 'Giving or promising money or goods for a candidate' },
      description: {
        id: 'Membagikan uang, sembako, atau barang lain, atau menjanjikannya, agar orang memilih calon. Selain jalur disiplin, ini juga jalur pidana yang ditangani Gakkumdu.',
        en: 'Handing out money, food parcels or other goods, or promising them, so that people vote for a candidate. Besides the discipline path this is a criminal matter for Gakkumdu.',
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, HEAVY, CRIMINAL_PEMILU, CRIMINAL_PILKADA],
    },
    {
      code: 'PARTAI_MENDEKATI_PARPOL',
      category: 'PARTAI_POLITIK',
      title: { id: 'Mendekati partai politik untuk pencalonan', en: 'Approaching a political party about a candidacy' },
      description: {
        id: 'Mendaftar, melamar, atau melobi partai politik agar dicalonkan, bagi diri sendiri maupun orang lain.',
        en: 'Registering with, applying to or lobbying a political party to be nominated, for oneself or another person.',
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['SEDANG'] },
      basis: [SKB_2022, ETHICS, MEDIUM],
    },
    {
      code: 'PARTAI_ANGGOTA_PENGURUS',
      category: 'PARTAI_POLITIK',
      title: { id: 'Menjadi anggota atau pengurus partai politik', en: 'Being a member or officer of a political party' },
      description: {
        id: 'Memegang kartu anggota atau jabatan di partai politik. Undang-undang ASN memberhentikannya tidak dengan hormat; dalam kode netra ini tingkat disiplin berat.',
        en: "Holding a party card or a party office. The ASN law dismisses the employee not with honour; in netra's codes this is the heavy discipline level.",
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, 'UU 20/2023 Pasal 52 ayat (3) huruf j dan ayat (4) (pemberhentian tidak dengan hormat)', HEAVY],
    },
    {
      code: 'PENCALONAN_KAMPANYE_PASANGAN',
      category: 'PENCALONAN',
      title: { id: 'Ikut kampanye suami atau istri yang mencalonkan diri tanpa cuti', en: "Joining a spouse's campaign without unpaid leave" },
      description: {
        id: 'Mendampingi atau ikut berkampanye untuk suami atau istri yang menjadi calon tanpa mengambil cuti di luar tanggungan negara.',
        en: 'Accompanying or campaigning for a spouse who is a candidate without taking unpaid leave.',
      },
      ethics: BOTH_MORAL,
      discipline: null,
      basis: [SKB_2022, ETHICS],
    },
    {
      code: 'PENCALONAN_DUKUNGAN_KTP',
      category: 'PENCALONAN',
      title: { id: 'Menyerahkan fotokopi KTP untuk mendukung calon perseorangan', en: 'Handing over ID-card copies to support an independent candidate' },
      description: {
        id: 'Memberikan atau mengumpulkan fotokopi KTP sebagai dukungan bagi bakal calon perseorangan.',
        en: 'Giving or collecting ID-card (KTP) copies as support for a prospective independent candidate.',
      },
      ethics: null,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, HEAVY],
    },
    {
      code: 'UJARAN_KEBENCIAN_HOAKS_CALON',
      category: 'UJARAN_KEBENCIAN_HOAKS',
      title: { id: 'Menyebarkan ujaran kebencian atau hoaks tentang calon', en: 'Spreading hate speech or hoaxes about candidates' },
      description: {
        id: 'Membuat atau menyebarkan ujaran kebencian atau berita bohong yang mendukung atau menyerang calon. Pedoman bersama tidak punya baris tersendiri; netra memakai jalur kampanye di media sosial.',
        en: "Making or spreading hate speech or false news that supports or attacks a candidate. The joint guidance has no row of its own; netra uses the social-media campaigning path.",
      },
      ethics: BOTH_MORAL,
      discipline: { levels: ['BERAT'] },
      basis: [SKB_2022, ETHICS, HEAVY],
    },
  ],
  allowed: [
    { code: 'MEMILIH', title: { id: 'Menggunakan hak pilih', en: 'Voting' } },
    {
      code: 'HADIR_KAMPANYE_PASIF',
      title: { id: 'Menghadiri kampanye untuk mendengar visi dan program', en: 'Attending a campaign to hear the vision and programme' },
      note: 'Tanpa atribut dan tanpa menunjukkan dukungan (Mendagri, 2024) / without attributes or any show of support',
    },
    {
      code: 'MENCALONKAN_DIRI_SETELAH_MUNDUR',
      title: { id: 'Mencalonkan diri setelah mengundurkan diri sebagai ASN', en: 'Running as a candidate after resigning from the ASN' },
    },
    {
      code: 'MENJELASKAN_KEBIJAKAN_DENGAN_TUGAS',
      title: { id: 'Menjelaskan kebijakan pemerintah di acara partai dengan surat tugas', en: 'Explaining government policy at a party event with an assignment letter' },
      note: 'Sumbernya tipis; tanyakan BKPP sebelum hadir / the source is thin: ask the civil-service agency first',
    },
  ],
};

// Keyed by the version written out, not read off the catalogue: a read on import would keep the catalogue in every
// bundle that imports this module and never uses it (test/unit/guidance.test.ts checks each key is its version).
export const GUIDANCE_CATALOGUES: Record<string, GuidanceCatalogue> = { 'skb-2022/v1': SKB_2022_V1 };

/** The catalogue new reports and decisions are checked against. */
export const CURRENT_GUIDANCE: GuidanceCatalogue = SKB_2022_V1;
