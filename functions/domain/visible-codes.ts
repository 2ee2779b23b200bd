// The one list of every code that a page, e-mail or case file must show as words; test/e2e/words-not-codes.test.ts
// reads every document of a full path against it. (Apart from the labels, so no Lambda bundle carries it.)
import { CATEGORY_CODES, EMPLOYMENT_TYPES, LEVEL_CODES, REPORT_STATUSES, REPORTER_KINDS, SANCTION_CODES, STAGE_CODES } from './codes.ts';
import { ACTORS, TIMELINE_ACTIONS } from './code-words.ts';
import { RECOMMENDATION_KINDS } from './recommendation.ts';
import { ACTIVITY_KINDS, RISK_LEVELS, SATGAS_ROLES } from './satgas.schema.ts';
import { CEREMONY_KINDS } from './pledges.ts';
import { OUTCOME_LABELS, STEPS } from './workflow.ts';

/** Words of the users that look like codes but are what people say: never flagged. */
const USERS_WORDS = new Set(['PNS', 'PPPK', 'PPK', 'BKPP', 'OPD', 'SK']);

/** Every code a person must not read: statuses, steps, outcomes, levels, sanctions, categories, stages, reporter
 *  kinds, sources, employment types, timeline actions and actors, Satgas and ceremony codes. ("BKPP" is its own
 *  rule: a page names the region's agency.) */
export const VISIBLE_CODES: readonly string[] = [
  ...new Set([
    ...REPORT_STATUSES, ...Object.keys(STEPS), ...Object.keys(OUTCOME_LABELS), ...LEVEL_CODES, ...SANCTION_CODES,
    ...CATEGORY_CODES, ...STAGE_CODES, ...REPORTER_KINDS, 'INTERNAL', ...RECOMMENDATION_KINDS, ...EMPLOYMENT_TYPES,
    ...Object.keys(TIMELINE_ACTIONS), ...Object.keys(ACTORS), ...SATGAS_ROLES, ...ACTIVITY_KINDS, ...RISK_LEVELS,
    ...CEREMONY_KINDS, 'TERBUKA', 'DITANGANI', 'PENDING', 'USED', 'HANDED_OVER',
  ]),
].filter((code) => !USERS_WORDS.has(code));
