// The codes the spec fixes: statuses, categories, stages, levels and sanctions, with their labels.

export const REPORT_STATUSES = [
  'RECEIVED',
  'AWAITING_OPD_REVIEW',
  'AWAITING_BKPP_ASSESSMENT',
  'AWAITING_PPK_DECISION',
  'SANCTIONED',
  'DISMISSED',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** The statuses a report ends in: nothing waits on it any more. */
export const CLOSED_STATUSES: readonly ReportStatus[] = ['SANCTIONED', 'DISMISSED'];

export const STATUS_LABELS: Record<ReportStatus, { id: string; en: string }> = {
  RECEIVED: { id: 'Diterima', en: 'Received' },
  AWAITING_OPD_REVIEW: { id: 'Menunggu telaah Kepala OPD', en: 'Awaiting the OPD head review' },
  AWAITING_BKPP_ASSESSMENT: { id: 'Menunggu penilaian BKPP', en: 'Awaiting the BKPP assessment' },
  AWAITING_PPK_DECISION: { id: 'Menunggu keputusan PPK', en: 'Awaiting the PPK decision' },
  SANCTIONED: { id: 'Dijatuhi sanksi', en: 'Sanctioned' },
  DISMISSED: { id: 'Dihentikan', en: 'Dismissed' },
};

export const CATEGORIES = {
  KAMPANYE: { id: 'Ikut serta dalam kampanye, deklarasi atau sosialisasi', en: 'Taking part in campaign, declaration or socialisation events' },
  MEDIA_SOSIAL: { id: 'Unggah, bagikan, sukai, komentari, atau bergabung dengan grup calon', en: 'Posting, sharing, liking, commenting, joining candidate groups' },
  ATRIBUT: { id: 'Spanduk, alat peraga, simbol, atau gestur dukungan', en: 'Banners, props, symbols, gestures of support' },
  KEPUTUSAN_BERPIHAK: { id: 'Keputusan atau tindakan yang menguntungkan atau merugikan calon', en: 'Decisions or actions that favour or harm a candidate' },
  FASILITAS_NEGARA: { id: 'Penggunaan fasilitas negara', en: 'Use of state facilities' },
  INTIMIDASI: { id: 'Intimidasi, ancaman, atau pengerahan pegawai', en: 'Intimidation, threats, mobilising staff' },
  POLITIK_UANG: { id: 'Politik uang atau pemberian', en: 'Money politics, gifts' },
  PARTAI_POLITIK: { id: 'Keanggotaan atau kegiatan partai politik', en: 'Party membership or activity' },
  PENCALONAN: { id: 'Mencalonkan diri atau mendukung pencalonan tanpa cuti', en: 'Running or supporting a candidacy without leave' },
  UJARAN_KEBENCIAN_HOAKS: { id: 'Ujaran kebencian atau hoaks', en: 'Hate speech, hoaxes' },
  LAINNYA: { id: 'Lainnya', en: 'Other' },
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

export const STAGES = {
  SEBELUM_TAHAPAN: { id: 'Sebelum tahapan dimulai', en: 'Before the stages began' },
  PENDAFTARAN: { id: 'Pendaftaran calon', en: 'Candidate registration' },
  KAMPANYE: { id: 'Kampanye', en: 'Campaign' },
  MASA_TENANG: { id: 'Masa tenang', en: 'Quiet period' },
  PEMUNGUTAN_PENGHITUNGAN: { id: 'Pemungutan dan penghitungan suara', en: 'Voting and counting' },
  SESUDAH: { id: 'Sesudah tahapan selesai', en: 'After the stages ended' },
} as const;
export type Stage = keyof typeof STAGES;
export const STAGE_CODES = Object.keys(STAGES) as [Stage, ...Stage[]];

export const LEVELS = {
  MORAL: { id: 'Sanksi moral (PP 42/2004)', en: 'Moral sanction (PP 42/2004)' },
  RINGAN: { id: 'Hukuman disiplin ringan (PP 94/2021)', en: 'Light discipline (PP 94/2021)' },
  SEDANG: { id: 'Hukuman disiplin sedang (PP 94/2021)', en: 'Moderate discipline (PP 94/2021)' },
  BERAT: { id: 'Hukuman disiplin berat (PP 94/2021)', en: 'Severe discipline (PP 94/2021)' },
} as const;
export type Level = keyof typeof LEVELS;
export const LEVEL_CODES = Object.keys(LEVELS) as [Level, ...Level[]];

export const SANCTIONS = {
  MORAL_TERTUTUP: { level: 'MORAL', id: 'Pernyataan secara tertutup', en: 'Private statement' },
  MORAL_TERBUKA: { level: 'MORAL', id: 'Pernyataan secara terbuka', en: 'Public statement' },
  TEGURAN_LISAN: { level: 'RINGAN', id: 'Teguran lisan', en: 'Oral reprimand' },
  TEGURAN_TERTULIS: { level: 'RINGAN', id: 'Teguran tertulis', en: 'Written reprimand' },
  PERNYATAAN_TIDAK_PUAS: { level: 'RINGAN', id: 'Pernyataan tidak puas secara tertulis', en: 'Written statement of dissatisfaction' },
  POTONG_TUKIN_6: { level: 'SEDANG', id: 'Pemotongan tunjangan kinerja 25% selama 6 bulan', en: '25% performance allowance cut for 6 months' },
  POTONG_TUKIN_9: { level: 'SEDANG', id: 'Pemotongan tunjangan kinerja 25% selama 9 bulan', en: '25% performance allowance cut for 9 months' },
  POTONG_TUKIN_12: { level: 'SEDANG', id: 'Pemotongan tunjangan kinerja 25% selama 12 bulan', en: '25% performance allowance cut for 12 months' },
  PENURUNAN_JABATAN_12: { level: 'BERAT', id: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan', en: 'Demotion by one grade for 12 months' },
  PEMBEBASAN_JABATAN_12: { level: 'BERAT', id: 'Pembebasan dari jabatan menjadi pelaksana selama 12 bulan', en: 'Release from position to staff for 12 months' },
  PEMBERHENTIAN: { level: 'BERAT', id: 'Pemberhentian dengan hormat tidak atas permintaan sendiri', en: 'Honourable dismissal not at own request' },
} as const satisfies Record<string, { level: Level; id: string; en: string }>;
export type Sanction = keyof typeof SANCTIONS;
export const SANCTION_CODES = Object.keys(SANCTIONS) as [Sanction, ...Sanction[]];

/** A sanction must belong to the chosen level. */
export function sanctionBelongsTo(sanction: Sanction, level: Level): boolean {
  return SANCTIONS[sanction].level === level;
}

export const EMPLOYMENT_TYPES = ['PNS', 'PPPK', 'NON_ASN'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const REPORTER_KINDS = ['OPD_HEAD', 'SATGAS', 'PUBLIC', 'BAWASLU', 'OTHER'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];
