// The admin command against a deployed stack: finds its table and usage plan, and enables a region's
// throttling key in API Gateway. Uses the deployer's own AWS credentials (the SDK's default chain).
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  APIGatewayClient, ConflictException, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetApiKeysCommand, UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import type { Dependencies, ReportMigrations } from '../../functions/ports.ts';
import { createDynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { dynamoKeyStore, dynamoRegionStore } from '../../functions/adapters/dynamodb/region-store.ts';
import { dynamoReportStore } from '../../functions/adapters/dynamodb/report-store.ts';
import { dynamoReportQueries } from '../../functions/adapters/dynamodb/report-queries.ts';
import { dynamoReportMigrations } from '../../functions/adapters/dynamodb/report-migrations.ts';
import { envelopeSeal } from '../../functions/adapters/seal/envelope.ts';
import { kmsDataKeys } from '../../functions/adapters/seal/kms-keys.ts';
import { dynamoNationalStore } from '../../functions/adapters/dynamodb/national-store.ts';

/** The API Gateway API key a region is metered under. functions/http/authorizer.ts returns the same value as
 *  usageIdentifierKey; API Gateway answers 403 to a region whose key is missing from the usage plan. */
export const usageKeyValue = (regionId: string) => `netra-usage-region-${regionId}`;
/** The same for a national body's keys, in the national bodies' own usage plan. */
export const nationalUsageKeyValue = (body: string) => `netra-usage-national-${body}`;

export interface AwsTargetOptions {
  /** The CloudFormation stack (default Netra, or the netra:stackName it was deployed with). */
  stackName?: string | undefined;
  /** The AWS region of the stack; default: AWS_REGION or the profile's region. */
  awsRegion?: string | undefined;
  /** Skip the stack lookup when both are given (e.g. a deployer without cloudformation:DescribeStacks). */
  tableName?: string | undefined;
  usagePlanId?: string | undefined;
}

export interface AwsTarget {
  stackName: string;
  tableName: string;
  usagePlanId: string;
  /** The KMS key that seals reporters' identities (`report migrate` seals older reports with it). */
  reporterKeyArn?: string | undefined;
  /** The national bodies' usage plan (stacks made before it have none). */
  nationalUsagePlanId?: string | undefined;
}

export interface AwsClients {
  cloudFormation: Pick<CloudFormationClient, 'send'>;
  apiGateway: Pick<APIGatewayClient, 'send'>;
}

export function awsClients(awsRegion?: string): AwsClients {
  const config = awsRegion ? { region: awsRegion } : {};
  return { cloudFormation: new CloudFormationClient(config), apiGateway: new APIGatewayClient(config) };
}

/** The deployed table and usage plan, from the stack's outputs unless both are given. */
export async function resolveAwsTarget(options: AwsTargetOptions, clients: AwsClients): Promise<AwsTarget> {
  const stackName = options.stackName ?? 'Netra';
  if (options.tableName && options.usagePlanId) return { stackName, tableName: options.tableName, usagePlanId: options.usagePlanId };
  let outputs: Record<string, string>;
  try {
    const { Stacks = [] } = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Object.fromEntries((Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if ((error as Error).message?.includes('does not exist')) {
      throw new Error(`stack ${stackName} was not found in this account and region: deploy it (npx cdk deploy) or pass --stack and --aws-region`);
    }
    throw error;
  }
  const tableName = options.tableName ?? outputs.TableName;
  const nationalUsagePlanId = outputs.NationalUsagePlanId;
  const usagePlanId = options.usagePlanId ?? outputs.UsagePlanId;
  if (!tableName || !usagePlanId) {
    throw new Error(`stack ${stackName} has no TableName/UsagePlanId outputs: is it a netra stack, fully deployed?`);
  }
  return { stackName, tableName, usagePlanId, ...(outputs.ReporterKeyArn ? { reporterKeyArn: outputs.ReporterKeyArn } : {}), ...(nationalUsagePlanId ? { nationalUsagePlanId } : {}) };
}

/** Creates (or re-enables) the region's API key and attaches it to the usage plan; safe to run again. */
export function enableRegionUsage(target: AwsTarget, regionId: string, clients: AwsClients): Promise<{ apiKeyId: string; created: boolean }> {
  return enableUsageKey(target, usageKeyValue(regionId), target.usagePlanId, `region ${regionId}`, clients);
}

/** The same for a national body, in the national bodies' usage plan. */
export function enableNationalUsage(target: AwsTarget, body: string, clients: AwsClients): Promise<{ apiKeyId: string; created: boolean }> {
  if (!target.nationalUsagePlanId) throw new Error(`stack ${target.stackName} has no NationalUsagePlanId output: deploy this version first`);
  return enableUsageKey(target, nationalUsageKeyValue(body), target.nationalUsagePlanId, `national body ${body}`, clients);
}

async function enableUsageKey(target: AwsTarget, name: string, usagePlanId: string, whose: string, clients: AwsClients): Promise<{ apiKeyId: string; created: boolean }> {
  const { items = [] } = await clients.apiGateway.send(new GetApiKeysCommand({ nameQuery: name, limit: 500 }));
  let key = items.find((item) => item.name === name);
  let created = false;
  if (!key) {
    key = await clients.apiGateway.send(
      new CreateApiKeyCommand({
        name,
        value: name, // not a secret: callers authenticate with their netra key; this only meters the region
        enabled: true,
        description: `netra: usage-plan key of ${whose} (stack ${target.stackName})`,
      }),
    );
    created = true;
  } else if (!key.enabled) {
    await clients.apiGateway.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] }));
  }
  if (!key.id) throw new Error(`API Gateway returned no id for the key ${name}`);
  try {
    await clients.apiGateway.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId: key.id, keyType: 'API_KEY' }));
  } catch (error) {
    // Already in the plan: nothing to do.
    if (!(error instanceof ConflictException)) throw error;
  }
  return { apiKeyId: key.id, created };
}

/** The AWS region as the SDK resolves it (AWS_REGION, then the profile), unless given. */
export async function resolveAwsRegion(awsRegion?: string): Promise<string> {
  if (awsRegion) return awsRegion;
  const client = new CloudFormationClient({});
  try {
    return await client.config.region();
  } catch {
    throw new Error('set the AWS region of the stack: --aws-region ap-southeast-3, AWS_REGION, or a profile region');
  } finally {
    client.destroy();
  }
}

/** The stores the admin use cases (keys, report verify) need, on the deployed table. */
export function awsKeyDependencies(target: AwsTarget, awsRegion: string): Pick<Dependencies, 'clock' | 'regions' | 'keys' | 'reports' | 'reportQueries' | 'seal' | 'national'> & { migrations: ReportMigrations } {
  const dynamo = createDynamoClients({ region: awsRegion, local: false });
  const noKey = async (): Promise<never> => {
    throw new Error(`stack ${target.stackName} has no ReporterKeyArn output: deploy this version of netra before sealing reports`);
  };
  return {
    clock: { now: () => new Date() },
    regions: dynamoRegionStore(dynamo, target.tableName),
    keys: dynamoKeyStore(dynamo, target.tableName),
    reports: dynamoReportStore(dynamo, target.tableName),
    reportQueries: dynamoReportQueries(dynamo, target.tableName),
    migrations: dynamoReportMigrations(dynamo, target.tableName),
    seal: target.reporterKeyArn ? envelopeSeal(kmsDataKeys(target.reporterKeyArn, { region: awsRegion })) : { seal: noKey, unseal: noKey },
    national: dynamoNationalStore(dynamo, target.tableName),
  };
}

/** Everything the admin command needs in AWS mode, in one call. */
export async function connectAws(options: AwsTargetOptions, clients?: AwsClients) {
  const awsRegion = await resolveAwsRegion(options.awsRegion);
  clients ??= awsClients(awsRegion);
  const target = await resolveAwsTarget(options, clients);
  return {
    awsRegion,
    target,
    deps: awsKeyDependencies(target, awsRegion),
    /** Call after createRegion(): without it the region's callers get 403 from API Gateway. */
    enableRegion: (regionId: string) => enableRegionUsage(target, regionId, clients),
    /** The same for a national body's keys. */
    enableNational: (body: string) => enableNationalUsage(target, body, clients),
  };
}
