// The guidance rules: which acts of the catalogue (guidance-catalogue.ts) a report is checked against, the
// sanction levels on their paths, and whether a decision's level is on one of them.
import type { Category, Level } from './codes.ts';
import { CURRENT_GUIDANCE, type GuidanceAct, type GuidanceCatalogue } from './guidance-catalogue.ts';

export { CURRENT_GUIDANCE, GUIDANCE_CATALOGUES, type AllowedAct, type GuidanceAct, type GuidanceCatalogue, type Words } from './guidance-catalogue.ts';

/** The codes of the current catalogue's acts. A function, not a constant computed on import, so a module that
 *  imports this one for a rule (domain/workflow.ts, for checkLevel) does not carry the catalogue unless it uses it. */
export function actCodes(): [string, ...string[]] {
  return CURRENT_GUIDANCE.acts.map((act) => act.code) as [string, ...string[]];
}

export function actByCode(code: string, catalogue: GuidanceCatalogue = CURRENT_GUIDANCE): GuidanceAct | undefined {
  return catalogue.acts.find((act) => act.code === code);
}

/** The acts a decision on this report is checked against: its named act, else every act of its category. */
export function actsFor(report: { category: Category; actCode?: string | undefined }, catalogue: GuidanceCatalogue = CURRENT_GUIDANCE): GuidanceAct[] {
  const named = report.actCode ? actByCode(report.actCode, catalogue) : undefined;
  return named ? [named] : catalogue.acts.filter((act) => act.category === report.category);
}

/** The levels on some path of these acts: MORAL for an ethics path, and each discipline level. */
export function levelsOnPaths(acts: readonly GuidanceAct[]): Level[] {
  const levels = new Set<Level>();
  for (const act of acts) {
    if (act.ethics) levels.add('MORAL');
    for (const level of act.discipline?.levels ?? []) levels.add(level);
  }
  return (['MORAL', 'RINGAN', 'SEDANG', 'BERAT'] as const).filter((level) => levels.has(level));
}

/** The catalogue as GET /v1/guidance answers it, for one category or all. */
export function guidanceFor(category?: Category): GuidanceCatalogue {
  const { version, acts, allowed } = CURRENT_GUIDANCE;
  return { version, acts: category ? acts.filter((act) => act.category === category) : acts, allowed };
}

/** What a RECOMMEND or IMPOSE records about the catalogue: the version and acts it was checked against, and
 *  whether its level is on one of their paths. */
export interface GuidanceCheck {
  version: string;
  acts: string[];
  followed: boolean;
}

/** Checks a level against the report's acts; null when the catalogue has no act for the report (LAINNYA). */
export function checkLevel(report: { category: Category; actCode?: string | undefined }, level: Level): GuidanceCheck | null {
  const acts = actsFor(report);
  if (!acts.length) return null;
  return { version: CURRENT_GUIDANCE.version, acts: acts.map((act) => act.code), followed: levelsOnPaths(acts).includes(level) };
}
