// The Satgas routes when DynamoDB cannot be reached: 503 problem+json with Retry-After, never a 500.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb.ts';

// Nothing listens on this port: set before the handlers load their configuration.
process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
const { activityBody, satgasBody } = await import('../support/api.ts');

const context = { functionName: 'satgas', awsRequestId: 'satgas', getRemainingTimeInMillis: () => 30_000 } as Context;
function event(method: string, body: unknown, extra: Partial<APIGatewayProxyEvent> = {}) {
  return {
    httpMethod: method, headers: { 'content-type': 'application/json' }, multiValueHeaders: {}, queryStringParameters: null,
    multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null, isBase64Encoded: false,
    body: body === undefined ? null : JSON.stringify(body),
    requestContext: { authorizer: { regionId: '34.02' }, requestId: 'satgas' } as unknown as APIGatewayProxyEvent['requestContext'],
    ...extra,
  } as APIGatewayProxyEvent;
}

it.each([
  ['put-satgas', event('PUT', satgasBody(), { pathParameters: { opdId: 'disdik' } })],
  ['create-satgas-activity', event('POST', activityBody())],
  ['list-satgas-activities', event('GET', undefined)],
  ['get-satgas-activity', event('GET', undefined, { pathParameters: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } })],
  ['put-satgas-risk', event('PUT', { status: 'DITANGANI', note: 'x' }, { pathParameters: { riskId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } })],
  ['get-satgas-risks', event('GET', undefined, { queryStringParameters: { electionId: 'pilkada-2024' }, headers: { accept: 'text/html' } })],
])('%s answers 503 with Retry-After', async (file, request) => {
  const { handler } = await import(`../../functions/http/${file}.ts`);
  const response = await handler(request, context);
  expect(response.statusCode).toBe(503);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.headers['retry-after']).toBeDefined();
});
