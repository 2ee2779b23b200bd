// The DynamoDB document client, configured once: timeouts and attempts sized so that a database that is down,
// or accepts connections and never answers, costs a request one bounded call (support/time-budget.ts), not minutes.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DYNAMO_CLIENT } from '#support/time-budget';

export interface DynamoConfig {
  endpoint?: string | undefined;
  region: string;
  local: boolean;
}

export function createDynamoClients(config: DynamoConfig) {
  const timeouts = DYNAMO_CLIENT[config.local ? 'local' : 'aws'];
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: timeouts.maxAttempts,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Without it the SDK only logs a warning at requestTimeout and keeps waiting (29 s on a frozen database).
      throwOnRequestTimeout: true,
    },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, doc };
}
export type DynamoClients = ReturnType<typeof createDynamoClients>;
