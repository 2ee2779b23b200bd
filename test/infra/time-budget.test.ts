// The deployed template keeps the time budget: an authorizer failure is a 503 with Retry-After, every DynamoDB
// call fits the authorizer's timeout, and the signature writer's lease outlives the function that holds it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DYNAMO_CLIENT, dynamoCallMaxMs } from '../../functions/lib/time-budget.ts';
import { resourcesOfType, synthNetra, WORKFLOW_UNDER_TEST, type CfnTemplate } from './support.ts';

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
});
