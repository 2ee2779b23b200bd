// The deployed template keeps the time budget: an authorizer failure is a 503 with Retry-After, every DynamoDB
// call fits the authorizer's timeout, the signature writer's lease outlives the function that holds it, and a
// step that sends e-mail runs long enough to mark its send through a 2-minute outage.
import { beforeAll, describe, expect, it } from 'vitest';
import { DYNAMO_CLIENT, dynamoCallMaxMs, markReserveMs } from '../../functions/support/time-budget.ts';
import { iamStatements, resourcesOfType, synthNetra, WORKFLOW_UNDER_TEST, type CfnTemplate } from './support.ts';

let json: CfnTemplate;
beforeAll(() => {
  json = synthNetra({ workflow: WORKFLOW_UNDER_TEST }).json as CfnTemplate;
});

const functions = () => resourcesOfType(json, 'AWS::Lambda::Function').map(([id, r]) => ({ id, ...r.Properties }));
const fn = (prefix: string) => {
  const found = functions().find((f) => f.id.startsWith(prefix));
  expect(found, prefix).toBeTruthy();
  return found!;
};

describe('time budget in the synthesized template', () => {
  it('answers an authorizer failure or misconfiguration with 503 problem+json and Retry-After', () => {
    const responses = Object.fromEntries(resourcesOfType(json, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => [r.Properties.ResponseType, r.Properties]));
    for (const type of ['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR']) {
      const response = responses[type];
      expect(response?.StatusCode, type).toBe('503');
      expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      expect(response.ResponseParameters['gatewayresponse.header.Retry-After']).toMatch(/^'\d+'$/);
      expect(JSON.parse(response.ResponseTemplates['application/json'])).toMatchObject({ status: 503, type: 'https://netra.id/problems/unavailable' });
    }
  });

  it('one DynamoDB call that never answers ends inside the authorizer\'s timeout, and the authorizer and a route inside API Gateway\'s 29 s', () => {
    const authorizer = fn('Authorizer');
    expect(dynamoCallMaxMs(DYNAMO_CLIENT.aws)).toBeLessThan(authorizer.Timeout * 1000);
    const routes = functions().filter((f) => f.id.startsWith('Route'));
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(authorizer.Timeout + route.Timeout, route.id).toBeLessThan(29);
  });

  it("the signature writer's lease lasts at least twice the route's timeout, and its wait and writes end well before it", () => {
    const route = fn('RouteAddSignatories');
    const env = route.Environment.Variables;
    const timeoutMs = route.Timeout * 1000;
    const lease = Number(env.NETRA_SIGNATURE_LEASE_MS);
    const wait = Number(env.NETRA_SIGNATURE_LEASE_WAIT_MS);
    const writes = Number(env.NETRA_SIGNATURE_WRITE_WINDOW_MS);
    expect(lease).toBeGreaterThanOrEqual(2 * timeoutMs);
    expect(wait).toBeLessThanOrEqual(timeoutMs / 2);
    // Waiting and writing end with time left for the reads before them and the answer (every call is aborted then).
    expect(wait + writes).toBeLessThanOrEqual(timeoutMs - 2_000);
    expect(writes).toBeLessThanOrEqual(lease / 2);
  });

  it('every step function that may send e-mail runs long enough to mark its send through a 2-minute outage, and its Task outlasts it', () => {
    const roleOf = (f: any) => f.Role?.['Fn::GetAtt']?.[0];
    const mailingRoles = new Set(iamStatements(json).filter((s) => s.actions.includes('ses:SendEmail')).flatMap((s) => (json.Resources[s.policy]!.Properties.Roles ?? []).map((r: any) => r.Ref)));
    const steps = functions().filter((f) => f.id.startsWith('Step'));
    const mailing = steps.filter((f) => mailingRoles.has(roleOf(f)));
    expect(mailing.length).toBeGreaterThanOrEqual(4); // request, reminder, deadline, Bawaslu notice
    // The mark is retried until markReserveMs before the timeout; the reads and the send before it take a minute at most.
    const OUTAGE_MS = 120_000;
    const BEFORE_THE_MARK_MS = 60_000;
    for (const f of mailing) expect(f.Timeout * 1000 - markReserveMs(DYNAMO_CLIENT.aws), f.id).toBeGreaterThanOrEqual(OUTAGE_MS + BEFORE_THE_MARK_MS);

    // A Task state that timed out would be retried, and send again, while the function still marks its send.
    const [[, machine]] = resourcesOfType(json, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    const substitutions: Record<string, any> = machine.Properties.DefinitionSubstitutions;
    const definition = JSON.parse(machine.Properties.DefinitionString);
    const byId = new Map(steps.map((f) => [f.id, f]));
    let checked = 0;
    for (const [name, state] of Object.entries<any>(definition.States)) {
      if (state.Type !== 'Task' || String(state.Resource).endsWith('.waitForTaskToken')) continue;
      const placeholder = /^\$\{(\w+)\}$/.exec(state.Parameters?.FunctionName ?? '')?.[1];
      const target = byId.get(substitutions[placeholder ?? '']?.['Fn::GetAtt']?.[0]);
      expect(target, name).toBeTruthy();
      expect(state.TimeoutSeconds, name).toBeGreaterThan(target!.Timeout);
      if (mailing.includes(target!)) checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(11);
  });
});
