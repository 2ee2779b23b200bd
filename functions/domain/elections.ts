// Election calendars, and the stage an incident date falls in.
import type { Stage } from './codes.ts';

interface Calendar {
  name: string;
  /** Each stage's first day (YYYY-MM-DD, WIB); a stage lasts until the next one starts. */
  starts: ReadonlyArray<readonly [Stage, string]>;
  /** The first day after counting and recapitulation. */
  endsAfter: string;
}

// Pilkada 2024 is fixed by the spec (PKPU 2/2024). For Pemilu 2024 (PKPU 3/2022) registration is
// taken as the presidential tickets' registration window, the stage the neutrality cases cluster in.
export const ELECTIONS = {
  'pemilu-2024': {
    name: 'Pemilu 2024',
    starts: [
      ['PENDAFTARAN', '2023-10-19'],
      ['KAMPANYE', '2023-11-28'],
      ['MASA_TENANG', '2024-02-11'],
      ['PEMUNGUTAN_PENGHITUNGAN', '2024-02-14'],
    ],
    endsAfter: '2024-03-20',
  },
  'pilkada-2024': {
    name: 'Pilkada Serentak 2024',
    starts: [
      ['PENDAFTARAN', '2024-08-27'],
      ['KAMPANYE', '2024-09-25'],
      ['MASA_TENANG', '2024-11-24'],
      ['PEMUNGUTAN_PENGHITUNGAN', '2024-11-27'],
    ],
    endsAfter: '2024-12-16',
  },
} as const satisfies Record<string, Calendar>;

export type ElectionId = keyof typeof ELECTIONS;
export const ELECTION_IDS = Object.keys(ELECTIONS) as [ElectionId, ...ElectionId[]];

/** The stage of an incident on `date` (YYYY-MM-DD) in the given election. */
export function stageOn(electionId: ElectionId, date: string): Stage {
  const calendar: Calendar = ELECTIONS[electionId];
  if (date > calendar.endsAfter) return 'SESUDAH';
  let stage: Stage = 'SEBELUM_TAHAPAN';
  for (const [candidate, start] of calendar.starts) {
    if (date >= start) stage = candidate;
  }
  return stage;
}
