// Contract checks for HTTP tests: every success answer is parsed with its route's response schema, so the
// OpenAPI document (generated from the same schemas) cannot drift from what the API answers.
import * as z from 'zod/mini';
import { routes } from '../../functions/http/routes.ts';
import type { Route } from '../../functions/lib/route.ts';

interface Compiled {
  route: Route;
  pattern: RegExp;
}

const compiled: Compiled[] = Object.values(routes as Record<string, Route>).map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route a request went to, by method and path (the query string ignored). */
export function routeOf(method: string, url: string): Route | undefined {
  const { pathname } = new URL(url, 'http://netra.invalid');
  return compiled.find(({ route, pattern }) => route.method === method.toUpperCase() && pattern.test(pathname))?.route;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Throws when a success answer of a JSON route does not parse with the route's response schema. */
export async function checkContract(method: string, url: string, response: Response): Promise<void> {
  const route = routeOf(method, url);
  if (!route || route.html || response.status !== route.successStatus) return;
  if (route.document) {
    // A document for people (the case file): HTML, not JSON.
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) throw new ContractViolation(`${route.operationId} answered no HTML`);
    return;
  }
  if (!route.response) throw new ContractViolation(`${route.operationId} has no response schema`);
  const contentType = response.headers.get('content-type') ?? '';
  // A route with a page beside its JSON (the vulnerability map) answers HTML when asked for it.
  if (route.htmlAlternative && contentType.startsWith('text/html')) return;
  // And the national follow-up, CSV when asked for it.
  if (route.csvAlternative && contentType.startsWith('text/csv')) return;
  if (!contentType.startsWith('application/json')) {
    throw new ContractViolation(`${route.operationId} answered ${route.successStatus} with ${contentType || 'no content type'}, not JSON`);
  }
  const body: unknown = await response.clone().json();
  const parsed = z.safeParse(route.response, body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ContractViolation(`${route.method} ${route.path} answered outside its response schema: ${issues}`);
  }
}
