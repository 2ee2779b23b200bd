// Every HTTP route, in the order the document lists them. Each is declared once, beside its handler in one module
// per endpoint (its method, path, schemas and auth); a Lambda bundle starts at that module and never at this list,
// so a function carries its own schemas and no other route's. Endpoint modules do no work when imported (their
// dependencies are built on first use), so the local server, the OpenAPI document and the CDK stack read this list.
import { route as submitReport } from './submit-report.ts';
import { route as getReport } from './get-report.ts';
import { route as listReports } from './list-reports.ts';
import { route as getCaseFile } from './get-case-file.ts';
import { route as trackReport } from './track-report.ts';
import { route as getGuidance } from './get-guidance.ts';
import { route as putOpd } from './put-opd.ts';
import { route as putContacts } from './put-contacts.ts';
import { route as putSettings } from './put-settings.ts';
import { route as getDirectory } from './get-directory.ts';
import { route as getStats } from './get-stats.ts';
import { route as getDecision } from './get-decision.ts';
import { route as postDecision } from './post-decision.ts';
import { route as createCeremony } from './create-ceremony.ts';
import { route as listCeremonies } from './list-ceremonies.ts';
import { route as addSignatories } from './add-signatories.ts';
import { route as getCompliance } from './get-compliance.ts';
import { route as putSatgas } from './put-satgas.ts';
import { route as createSatgasActivity } from './create-satgas-activity.ts';
import { route as listSatgasActivities } from './list-satgas-activities.ts';
import { route as getSatgasActivity } from './get-satgas-activity.ts';
import { route as putSatgasRisk } from './put-satgas-risk.ts';
import { route as getSatgasRisks } from './get-satgas-risks.ts';
import { route as openapi } from './openapi.ts';
import { route as health } from './health.ts';
import type { Route } from '#lib/route';

export const routes = {
  submitReport,
  getReport,
  listReports,
  getCaseFile,
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
  openapi,
  health,
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** The module of each route's endpoint (its declaration and handler), as a file under functions/http/ (kebab-case of the operation). */
export function handlerFile(name: RouteName): string {
  return `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
}
