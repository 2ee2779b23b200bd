// The DynamoDB document client, configured once: short timeouts so an outage answers 503 quickly.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConfig {
  endpoint?: string | undefined;
  region: string;
  local: boolean;
}

export function createDynamoClients(config: DynamoConfig) {
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, doc };
}
export type DynamoClients = ReturnType<typeof createDynamoClients>;
