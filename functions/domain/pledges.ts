// The pledge texts a ceremony can pledge, versioned, so a ceremony keeps exactly the words that were said.

export const CEREMONY_KINDS = ['IKRAR_ASN', 'DEKLARASI_KEPALA_DAERAH'] as const;
export type CeremonyKind = (typeof CEREMONY_KINDS)[number];

export interface PledgeText {
  id: string;
  kind: CeremonyKind;
  version: number;
  title: string;
  opening: string;
  points: readonly string[];
}

// Written for netra from the SE/SKB guidance on ASN neutrality; a region that pledged other words
// adds a new version here rather than changing one that ceremonies already point at.
const IKRAR_ASN_V1: PledgeText = {
  id: 'ikrar-asn/v1',
  kind: 'IKRAR_ASN',
  version: 1,
  title: 'Ikrar Netralitas Aparatur Sipil Negara',
  opening: 'Kami, Aparatur Sipil Negara di lingkungan pemerintah daerah, dengan ini berikrar:',
  points: [
    'Menjaga dan menegakkan netralitas ASN dalam menjalankan pelayanan publik sebelum, selama, dan sesudah penyelenggaraan pemilihan.',
    'Menghindari konflik kepentingan, tidak melakukan intimidasi atau ancaman kepada pegawai maupun masyarakat, dan tidak berpihak kepada calon atau pasangan calon mana pun.',
    'Menggunakan media sosial secara bijak, tidak membuat maupun menyebarkan ujaran kebencian dan berita bohong.',
    'Menolak politik uang serta pemberian dalam bentuk apa pun.',
  ],
};

const DEKLARASI_KEPALA_DAERAH_V1: PledgeText = {
  id: 'deklarasi-kepala-daerah/v1',
  kind: 'DEKLARASI_KEPALA_DAERAH',
  version: 1,
  title: 'Deklarasi Kepala Daerah Menjaga Netralitas ASN',
  opening: 'Kami, Kepala Daerah atau Penjabat Kepala Daerah, menyatakan mendukung netralitas ASN dalam pemilihan dengan:',
  points: [
    'Memastikan ASN tidak mengambil keputusan atau tindakan yang berpihak kepada calon atau pasangan calon.',
    'Memastikan ASN tidak ikut serta dan tidak diikutsertakan dalam kegiatan kampanye.',
    'Menjatuhkan sanksi, selaku Pejabat Pembina Kepegawaian, kepada ASN yang terbukti melanggar netralitas.',
    'Menyampaikan setiap dugaan pelanggaran netralitas ASN kepada Badan Pengawas Pemilihan Umum sepanjang tahapan pemilihan.',
    'Menyosialisasikan dan mendukung pelaksanaan Keputusan Bersama tentang pedoman pembinaan dan pengawasan netralitas pegawai ASN.',
  ],
};

export const PLEDGE_TEXTS: Record<string, PledgeText> = {
  [IKRAR_ASN_V1.id]: IKRAR_ASN_V1,
  [DEKLARASI_KEPALA_DAERAH_V1.id]: DEKLARASI_KEPALA_DAERAH_V1,
};

/** The text a new ceremony of this kind pledges when the caller names none. */
export const CURRENT_PLEDGE_TEXT: Record<CeremonyKind, PledgeText> = {
  IKRAR_ASN: IKRAR_ASN_V1,
  DEKLARASI_KEPALA_DAERAH: DEKLARASI_KEPALA_DAERAH_V1,
};
