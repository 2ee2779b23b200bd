// A keyed create (Powertools idempotency) whose database goes away while the handler runs: the handler fails, and so
// does Powertools' clean-up of the key's in-progress record. The answer is the handler's 503, not a 500 (the soak
// found the 500: docs/soak.md).
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { UnavailableError } from '../../functions/domain/errors.ts';
import { idempotentByHeader } from '../../functions/lib/idempotency.ts';
import { toProblem } from '../../functions/lib/problem-of.ts';

const event = { headers: { 'idempotency-key': 'k-1' }, body: '{"opdId":"disdik"}', requestContext: { authorizer: { regionId: '34.02' } } } as unknown as APIGatewayProxyEvent;
const context = { getRemainingTimeInMillis: () => 10_000, functionName: 'netra-test', awsRequestId: 'r-1' } as unknown as Context;

function keyedCreate(deleteFails: Error): Promise<APIGatewayProxyResult> {
  const client = new DynamoDBClient({ region: 'ap-southeast-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  mockClient(client).on(PutItemCommand).resolves({}).on(DeleteItemCommand).rejects(deleteFails);
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use({ onError: async (request) => void (request.response = toProblem(request.error)) })
    .use(idempotentByHeader(() => ({ client }) as unknown as DynamoClients, 'test'))
    .handler(async () => {
      throw new UnavailableError('the database went away');
    });
  return handler(event, context);
}

describe('a keyed create when the database goes away mid-request', () => {
  it('answers 503 with Retry-After when the in-progress record cannot be cleaned up either', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', $metadata: {} });
    const answer = await keyedCreate(refused);
    expect(answer.statusCode).toBe(503);
    expect(Object.keys(answer.headers ?? {}).map((h) => h.toLowerCase())).toContain('retry-after');
  });

  it('still fails loudly when the clean-up fails for a reason that is not an outage', async () => {
    const invalid = Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(keyedCreate(invalid)).rejects.toThrow(/idempotency store/);
  });
});
