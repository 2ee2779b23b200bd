// Every HTTP route, in the order the document lists them. Each is declared once, in routes/<handler file> (its
// method, path, schemas and auth); its handler imports only that module, so a function carries its own schemas
// and no other route's. The local server, the OpenAPI document and the CDK stack read this list.
import { route as submitReport } from './routes/submit-report.ts';
import { route as getReport } from './routes/get-report.ts';
import { route as listReports } from './routes/list-reports.ts';
import { route as getCaseFile } from './routes/get-case-file.ts';
import { route as unsealReporter } from './routes/unseal-reporter.ts';
import { route as getAccessLog } from './routes/get-access-log.ts';
import { route as getPerson } from './routes/get-person.ts';
import { route as recordDecreeDelivery } from './routes/record-decree-delivery.ts';
import { route as fileAppeal } from './routes/file-appeal.ts';
import { route as recordAppealDecision } from './routes/record-appeal-decision.ts';
import { route as trackReport } from './routes/track-report.ts';
import { route as getGuidance } from './routes/get-guidance.ts';
import { route as putOpd } from './routes/put-opd.ts';
import { route as putContacts } from './routes/put-contacts.ts';
import { route as putSettings } from './routes/put-settings.ts';
import { route as getDirectory } from './routes/get-directory.ts';
import { route as getStats } from './routes/get-stats.ts';
import { route as getDecision } from './routes/get-decision.ts';
import { route as postDecision } from './routes/post-decision.ts';
import { route as createCeremony } from './routes/create-ceremony.ts';
import { route as listCeremonies } from './routes/list-ceremonies.ts';
import { route as addSignatories } from './routes/add-signatories.ts';
import { route as getCompliance } from './routes/get-compliance.ts';
import { route as putSatgas } from './routes/put-satgas.ts';
import { route as createSatgasActivity } from './routes/create-satgas-activity.ts';
import { route as listSatgasActivities } from './routes/list-satgas-activities.ts';
import { route as getSatgasActivity } from './routes/get-satgas-activity.ts';
import { route as putSatgasRisk } from './routes/put-satgas-risk.ts';
import { route as getSatgasRisks } from './routes/get-satgas-risks.ts';
import { route as pushRecommendation } from './routes/push-recommendation.ts';
import { route as listNationalRecommendations } from './routes/list-national-recommendations.ts';
import { route as getFollowUp } from './routes/get-follow-up.ts';
import { route as recordNationalAction } from './routes/record-national-action.ts';
import { route as openapi } from './routes/openapi.ts';
import { route as health } from './routes/health.ts';
import type { Route } from '#lib/route';

export const routes = {
  submitReport,
  getReport,
  listReports,
  getCaseFile,
  unsealReporter,
  getAccessLog,
  getPerson,
  recordDecreeDelivery,
  fileAppeal,
  recordAppealDecision,
  trackReport,
  getGuidance,
  putOpd,
  putContacts,
  putSettings,
  getDirectory,
  getStats,
  getDecision,
  postDecision,
  createCeremony,
  listCeremonies,
  addSignatories,
  getCompliance,
  putSatgas,
  createSatgasActivity,
  listSatgasActivities,
  getSatgasActivity,
  putSatgasRisk,
  getSatgasRisks,
  pushRecommendation,
  listNationalRecommendations,
  getFollowUp,
  recordNationalAction,
  openapi,
  health,
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** The handler module of each route, as a file under functions/http/ (kebab-case of the operation). */
export function handlerFile(name: RouteName): string {
  return `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
}
