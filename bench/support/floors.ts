// Floor functions for the cold-start benchmark: what a function would be with no framework at all. Each one
// creates, at module scope, the AWS SDK clients its function is meant to use (read from infra/needs.ts, not
// from what happens to be bundled) and calls each command it would need once, so none is shaken out; its first
// invocation makes one call, as a function's first request does.
import type { Needs } from '../../infra/needs.ts';

interface Client {
  module: string;
  client: string;
  commands: string[];
  /** The client as the floor creates it. */
  create: string;
}

/** The input of a floor's first call, where its command checks one before sending. */
const FIRST_INPUT: Record<string, string> = { GetCommand: "{ TableName: 'bench', Key: { PK: 'x', SK: 'x' } }" };

/** The clients and commands a function with these needs uses: the floor of its bundle and its init. */
function clientsFor(needs: Needs): Client[] {
  const clients: Client[] = [];
  if (needs.table !== 'none') {
    clients.push({ module: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient', commands: [], create: 'new DynamoDBClient({})' });
    const read = ['GetCommand', 'QueryCommand'];
    clients.push({
      module: '@aws-sdk/lib-dynamodb',
      client: 'DynamoDBDocumentClient',
      commands: needs.table === 'readwrite' ? [...read, 'PutCommand', 'UpdateCommand', 'TransactWriteCommand'] : read,
      create: 'DynamoDBDocumentClient.from(client0, { marshallOptions: { removeUndefinedValues: true } })',
    });
  }
  if (needs.sendEmail) clients.push({ module: '@aws-sdk/client-sesv2', client: 'SESv2Client', commands: ['SendEmailCommand'], create: 'new SESv2Client({})' });
  const sfn = [
    ...(needs.startExecution ? ['StartExecutionCommand'] : []),
    ...(needs.resumeExecution ? ['SendTaskSuccessCommand', 'SendTaskFailureCommand'] : []),
    ...(needs.repairExecution ? ['DescribeExecutionCommand', 'RedriveExecutionCommand'] : []),
  ];
  if (sfn.length) clients.push({ module: '@aws-sdk/client-sfn', client: 'SFNClient', commands: sfn, create: 'new SFNClient({})' });
  if (needs.linkSecret) {
    clients.push({ module: '@aws-sdk/client-secrets-manager', client: 'SecretsManagerClient', commands: ['GetSecretValueCommand'], create: 'new SecretsManagerClient({})' });
  }
  // The reporter key: intake makes a data key, the unseal route opens one (the only KMS calls a function makes).
  if (needs.reporterKey) {
    const command = needs.reporterKey === 'seal' ? 'GenerateDataKeyCommand' : 'DecryptCommand';
    clients.push({ module: '@aws-sdk/client-kms', client: 'KMSClient', commands: [command], create: 'new KMSClient({})' });
  }
  return clients;
}

/** A name for the floor of these needs (`dynamodb-read`, `dynamodb-readwrite+sfn-start`): functions with the same needs share one. */
export function floorKey(needs: Needs): string {
  const parts = [
    ...(needs.table !== 'none' ? [`dynamodb-${needs.table}`] : []),
    ...(needs.sendEmail ? ['ses'] : []),
    ...(needs.startExecution ? ['sfn-start'] : []),
    ...(needs.resumeExecution ? ['sfn-resume'] : []),
    ...(needs.repairExecution ? ['sfn-repair'] : []),
    ...(needs.linkSecret ? ['secrets'] : []),
    ...(needs.reporterKey ? [`kms-${needs.reporterKey}`] : []),
  ];
  return parts.join('+') || 'no-client';
}

/** The floor's source (an ES module exporting `handler`). */
export function floorSource(needs: Needs): string {
  const clients = clientsFor(needs);
  const imports = clients.map((c) => `import { ${[c.client, ...c.commands].join(', ')} } from '${c.module}';`);
  const created = clients.map((c, i) => `const client${i} = ${c.create};`);
  const calls = clients.flatMap((c, i) => c.commands.map((command) => `  if (event.command === '${command}') return client${i}.send(new ${command}(event.input));`));
  // The benchmark's first invocation: one call of the first command, as a function's first request makes one.
  const first = clients.findIndex((c) => c.commands.length);
  const firstCall = first < 0 ? [] : [`  if (event.first) return client${first}.send(new ${clients[first]!.commands[0]}(${FIRST_INPUT[clients[first]!.commands[0]!] ?? '{}'}));`];
  return [
    `// Floor: ${clients.map((c) => c.client).join(', ') || 'no client'}, created once per runtime, and nothing else.`,
    ...imports,
    ...created,
    'export const handler = async (event) => {',
    ...firstCall,
    ...calls,
    "  return { statusCode: 200, body: '{}' };",
    '};',
    '',
  ].join('\n');
}

/** The OpenAPI route's floor: no client, a document computed before deployment, served as it is. */
export function documentFloorSource(document: unknown): string {
  return [
    '// Floor: a precomputed JSON document, served as it is.',
    `const body = ${JSON.stringify(JSON.stringify(document))};`,
    "export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body });",
    '',
  ].join('\n');
}

/** The guidance route's floor: no client, the catalogue it serves as data (all of it, or one category's acts), and
 *  nothing of netra's framework (no request check, no logger or metrics, no problem+json). */
export function guidanceFloorSource(catalogue: { acts: { category: string }[] }): string {
  return [
    '// Floor: the guidance catalogue as data, served whole or for one category, and nothing else.',
    `const catalogue = ${JSON.stringify(catalogue)};`,
    'const all = JSON.stringify(catalogue);',
    'export const handler = async (event) => {',
    '  const category = event?.queryStringParameters?.category;',
    '  const body = category ? JSON.stringify({ ...catalogue, acts: catalogue.acts.filter((act) => act.category === category) }) : all;',
    "  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };",
    '};',
    '',
  ].join('\n');
}
