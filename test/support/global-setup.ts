// Starts one in-memory DynamoDB Local for the whole run; each test file gets its own table in it. Every project
// but `unit` names this setup, and Vitest calls it once per project that has tests queued: the first call
// starts DynamoDB Local, the others share it, and the last teardown stops it.
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

type Dynamo = Awaited<ReturnType<typeof startDynamoLocal>>;
// On globalThis, not in this module: Vitest may load a setup file once per project.
const shared = globalThis as { netraTestDynamo?: { started: Promise<Dynamo>; users: number } };

export default async function setup(project: TestProject) {
  shared.netraTestDynamo ??= { started: startDynamoLocal(), users: 0 };
  const run = shared.netraTestDynamo;
  run.users += 1;
  const dynamo = await run.started;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    run.users -= 1;
    if (run.users > 0) return;
    delete shared.netraTestDynamo;
    await dynamo.stop();
  };
}
