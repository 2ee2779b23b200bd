// Every HTTP route, in the order the document lists them. Each is declared once, beside its handler in one module
// per endpoint (its method, path, schemas and auth); a Lambda bundle starts at that module and never at this list,
// so a function carries its own schemas and no other route's. Endpoint modules do no work when imported (their
// dependencies are built on first use), so the local server, the OpenAPI document and the CDK stack read this list.
import * as submitReport from './submit-report.ts';
import * as getReport from './get-report.ts';
import * as listReports from './list-reports.ts';
import * as getCaseFile from './get-case-file.ts';
import * as unsealReporter from './unseal-reporter.ts';
import * as getAccessLog from './get-access-log.ts';
import * as getPerson from './get-person.ts';
import * as recordDecreeDelivery from './record-decree-delivery.ts';
import * as fileAppeal from './file-appeal.ts';
import * as recordAppealDecision from './record-appeal-decision.ts';
import * as trackReport from './track-report.ts';
import * as getGuidance from './get-guidance.ts';
import * as putOpd from './put-opd.ts';
import * as putContacts from './put-contacts.ts';
import * as putSettings from './put-settings.ts';
import * as getDirectory from './get-directory.ts';
import * as getStats from './get-stats.ts';
import * as getDecision from './get-decision.ts';
import * as postDecision from './post-decision.ts';
import * as createCeremony from './create-ceremony.ts';
import * as listCeremonies from './list-ceremonies.ts';
import * as addSignatories from './add-signatories.ts';
import * as getCompliance from './get-compliance.ts';
import * as putSatgas from './put-satgas.ts';
import * as createSatgasActivity from './create-satgas-activity.ts';
import * as listSatgasActivities from './list-satgas-activities.ts';
import * as getSatgasActivity from './get-satgas-activity.ts';
import * as putSatgasRisk from './put-satgas-risk.ts';
import * as getSatgasRisks from './get-satgas-risks.ts';
import * as pushRecommendation from './push-recommendation.ts';
import * as listNationalRecommendations from './list-national-recommendations.ts';
import * as getFollowUp from './get-follow-up.ts';
import * as recordNationalAction from './record-national-action.ts';
import * as openapi from './openapi.ts';
import * as health from './health.ts';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

/** Each endpoint's module: its route, its declaration of needs and its handler. */
export const endpoints = {
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
} as const satisfies Record<string, { route: Route; needs: Needs }>;

type Endpoints = typeof endpoints;
export type RouteName = keyof Endpoints;

/** Every route's declaration, by name. */
export const routes = Object.fromEntries(Object.entries(endpoints).map(([name, endpoint]) => [name, endpoint.route])) as {
  [K in RouteName]: Endpoints[K]['route'];
};

/** The module of each route's endpoint (its declaration and handler), as a file under functions/http/ (kebab-case of the operation). */
export function handlerFile(name: RouteName): string {
  return `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
}
