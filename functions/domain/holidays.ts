// Indonesia's national holidays and joint leave (cuti bersama) per year, as the decrees that set them say.
// A year missing here counts weekends only (working-days.ts says so in every answer that used it).

export interface HolidayYear {
  /** The joint decree of the Minister of Religious Affairs, of Manpower and of PANRB (SKB 3 Menteri) that set the
   *  year, and any presidential decree that added a day. */
  basis: string[];
  /** Where the dates were read (news copies of the decree's annex; checked 2026-12). */
  sources: string[];
  /** National holidays (libur nasional), weekend ones included as the decree lists them. */
  holidays: Record<string, string>;
  /** Joint leave days (cuti bersama). */
  jointLeave: Record<string, string>;
}

export const HOLIDAY_YEARS: ReadonlyMap<number, HolidayYear> = new Map<number, HolidayYear>([
  [2024, {
    basis: [
      'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 855/2023, No. 3/2023, No. 4/2023 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2024 (12 September 2023)',
      'Keppres No. 33/2024: hari pemungutan suara Pilkada 27 November 2024 hari libur nasional (21 November 2024)',
      'Keppres hari pemungutan suara Pemilu 14 Februari 2024 (nomor tidak dikonfirmasi)',
    ],
    sources: ['edocs.msmconsulting.co.id (SKB 855/2023)', 'visual.republika.co.id 2023-09-20', 'tempo.co 2024-11-22 (Keppres 33/2024)', 'sumbarfokus.com (14 Februari 2024)'],
    holidays: {
      '2024-01-01': 'Tahun Baru 2024 Masehi',
      '2024-02-08': 'Isra Mikraj Nabi Muhammad SAW',
      '2024-02-10': 'Tahun Baru Imlek 2575 Kongzili',
      '2024-02-14': 'Pemungutan suara Pemilu 2024',
      '2024-03-11': 'Hari Suci Nyepi Tahun Baru Saka 1946',
      '2024-03-29': 'Wafat Isa Almasih',
      '2024-03-31': 'Hari Paskah',
      '2024-04-10': 'Idulfitri 1445 H',
      '2024-04-11': 'Idulfitri 1445 H',
      '2024-05-01': 'Hari Buruh Internasional',
      '2024-05-09': 'Kenaikan Isa Almasih',
      '2024-05-23': 'Hari Raya Waisak 2568 BE',
      '2024-06-01': 'Hari Lahir Pancasila',
      '2024-06-17': 'Iduladha 1445 H',
      '2024-07-07': 'Tahun Baru Islam 1446 H',
      '2024-08-17': 'Hari Kemerdekaan Republik Indonesia',
      '2024-09-16': 'Maulid Nabi Muhammad SAW',
      '2024-11-27': 'Pemungutan suara Pilkada serentak 2024',
      '2024-12-25': 'Hari Raya Natal',
    },
    jointLeave: {
      '2024-02-09': 'Cuti bersama Tahun Baru Imlek',
      '2024-03-12': 'Cuti bersama Hari Suci Nyepi',
      '2024-04-08': 'Cuti bersama Idulfitri',
      '2024-04-09': 'Cuti bersama Idulfitri',
      '2024-04-12': 'Cuti bersama Idulfitri',
      '2024-04-15': 'Cuti bersama Idulfitri',
      '2024-05-10': 'Cuti bersama Kenaikan Isa Almasih',
      '2024-05-24': 'Cuti bersama Hari Raya Waisak',
      '2024-06-18': 'Cuti bersama Iduladha',
      '2024-12-26': 'Cuti bersama Hari Raya Natal',
    },
  }],
  [2025, {
    basis: ['SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1017/2024, No. 2/2024, No. 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025 (14 Oktober 2024)'],
    sources: ['jpnn.com 2024-10', 'rasikapekalongan.com (Sekretariat Kabinet)', 'prokalteng.co'],
    holidays: {
      '2025-01-01': 'Tahun Baru 2025 Masehi',
      '2025-01-27': 'Isra Mikraj Nabi Muhammad SAW',
      '2025-01-29': 'Tahun Baru Imlek 2576 Kongzili',
      '2025-03-29': 'Hari Suci Nyepi Tahun Baru Saka 1947',
      '2025-03-31': 'Idulfitri 1446 H',
      '2025-04-01': 'Idulfitri 1446 H',
      '2025-04-18': 'Wafat Yesus Kristus',
      '2025-04-20': 'Kebangkitan Yesus Kristus (Paskah)',
      '2025-05-01': 'Hari Buruh Internasional',
      '2025-05-12': 'Hari Raya Waisak 2569 BE',
      '2025-05-29': 'Kenaikan Yesus Kristus',
      '2025-06-01': 'Hari Lahir Pancasila',
      '2025-06-06': 'Iduladha 1446 H',
      '2025-06-27': '1 Muharam Tahun Baru Islam 1447 H',
      '2025-08-17': 'Proklamasi Kemerdekaan',
      '2025-09-05': 'Maulid Nabi Muhammad SAW',
      '2025-12-25': 'Kelahiran Yesus Kristus',
    },
    jointLeave: {
      '2025-01-28': 'Cuti bersama Tahun Baru Imlek',
      '2025-03-28': 'Cuti bersama Hari Suci Nyepi',
      '2025-04-02': 'Cuti bersama Idulfitri',
      '2025-04-03': 'Cuti bersama Idulfitri',
      '2025-04-04': 'Cuti bersama Idulfitri',
      '2025-04-07': 'Cuti bersama Idulfitri',
      '2025-05-13': 'Cuti bersama Hari Raya Waisak',
      '2025-05-30': 'Cuti bersama Kenaikan Yesus Kristus',
      '2025-06-09': 'Cuti bersama Iduladha',
      '2025-12-26': 'Cuti bersama Kelahiran Yesus Kristus',
    },
  }],
  [2026, {
    basis: ['SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497/2025, No. 2/2025, No. 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026 (19 September 2025)'],
    sources: ['disdiksmg.semarangkota.go.id', 'lintaspriangan.com', 'cimahiaktual.com 2026-02'],
    holidays: {
      '2026-01-01': 'Tahun Baru 2026 Masehi',
      '2026-01-16': 'Isra Mikraj Nabi Muhammad SAW',
      '2026-02-17': 'Tahun Baru Imlek 2577 Kongzili',
      '2026-03-19': 'Hari Suci Nyepi Tahun Baru Saka 1948',
      '2026-03-21': 'Idulfitri 1447 H',
      '2026-03-22': 'Idulfitri 1447 H',
      '2026-04-03': 'Wafat Yesus Kristus',
      '2026-04-05': 'Kebangkitan Yesus Kristus (Paskah)',
      '2026-05-01': 'Hari Buruh Internasional',
      '2026-05-14': 'Kenaikan Yesus Kristus',
      '2026-05-27': 'Iduladha 1447 H',
      '2026-05-31': 'Hari Raya Waisak 2570 BE',
      '2026-06-01': 'Hari Lahir Pancasila',
      '2026-06-16': '1 Muharam Tahun Baru Islam 1448 H',
      '2026-08-17': 'Proklamasi Kemerdekaan',
      '2026-08-25': 'Maulid Nabi Muhammad SAW',
      '2026-12-25': 'Kelahiran Yesus Kristus',
    },
    jointLeave: {
      '2026-02-16': 'Cuti bersama Tahun Baru Imlek',
      '2026-03-18': 'Cuti bersama Hari Suci Nyepi',
      '2026-03-20': 'Cuti bersama Idulfitri',
      '2026-03-23': 'Cuti bersama Idulfitri',
      '2026-03-24': 'Cuti bersama Idulfitri',
      '2026-05-15': 'Cuti bersama Kenaikan Yesus Kristus',
      '2026-05-28': 'Cuti bersama Iduladha',
      '2026-12-24': 'Cuti bersama Kelahiran Yesus Kristus',
    },
  }],
  // 2027: no decree found (checked 2026-12); counted as weekends only until its SKB is added here.
]);
