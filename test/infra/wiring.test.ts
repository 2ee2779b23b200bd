// What a handler names in dependencies({ ... }) and what the stack grants it must agree: a function that
// sends e-mail is granted SES, one that resumes executions is granted states:SendTask*, and none is given
// an adapter (and its SDK client) it has no grant for.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handlerFile, routes, type RouteName } from '../../functions/http/routes.ts';
import { AUTHORIZER_NEEDS, routeNeeds, stepNeeds, type Needs } from '../../infra/needs.ts';

/** The AWS adapters a handler names in dependencies({ ... }) (the stores it names beside them need no grant but the table's). */
function wired(file: string): string[] {
  const match = /dependencies\(\{([^}]*)\}\)/.exec(readFileSync(file, 'utf8'));
  const names = match ? match[1]!.split(',').map((part) => part.split(':')[0]!.trim()) : [];
  return names.filter((name) => ['links', 'mailer', 'workflow', 'seal'].includes(name)).sort();
}

function adaptersFor(needs: Needs): string[] {
  return [
    ...(needs.linkSecret ? ['links'] : []),
    ...(needs.sendEmail ? ['mailer'] : []),
    ...(needs.startExecution || needs.resumeExecution ? ['workflow'] : []),
    ...(needs.reporterKey ? ['seal'] : []),
  ].sort();
}

describe('handler wiring matches the grants', () => {
  it.each(Object.keys(routes) as RouteName[])('route %s', (name) => {
    expect(wired(`functions/http/${handlerFile(name)}`)).toEqual(adaptersFor(routeNeeds(name, routes[name])));
  });

  it.each(readdirSync('functions/steps').map((file) => file.replace(/\.ts$/, '')))('step %s', (step) => {
    expect(wired(`functions/steps/${step}.ts`)).toEqual(adaptersFor(stepNeeds(step)));
  });

  it('the authorizer', () => {
    expect(wired('functions/http/authorizer.ts')).toEqual(adaptersFor(AUTHORIZER_NEEDS));
  });

  it('await-decision may resume its own execution', () => {
    expect(stepNeeds('await-decision').resumeExecution).toBe(true);
  });
});
