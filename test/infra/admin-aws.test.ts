// The admin command's AWS side, against mocked CloudFormation and API Gateway clients (never real AWS).
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  APIGatewayClient, ConflictException, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetApiKeysCommand, UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { enableRegionUsage, resolveAwsTarget, usageKeyValue } from '../../infra/admin/aws-target.ts';

const cloudFormation = mockClient(CloudFormationClient);
const apiGateway = mockClient(APIGatewayClient);
const clients = () => ({ cloudFormation: new CloudFormationClient({ region: 'ap-southeast-3' }), apiGateway: new APIGatewayClient({ region: 'ap-southeast-3' }) });
const target = { stackName: 'Netra', tableName: 'Netra-Table-1', usagePlanId: 'plan123' };

beforeEach(() => {
  cloudFormation.reset();
  apiGateway.reset();
});

describe('resolveAwsTarget', () => {
  it('reads the table and usage plan from the stack outputs', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'Netra-staging' }).resolves({
      Stacks: [{
        StackName: 'Netra-staging', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE',
        Outputs: [{ OutputKey: 'TableName', OutputValue: 'Netra-staging-Table-9' }, { OutputKey: 'UsagePlanId', OutputValue: 'abc123' }],
      }],
    });
    expect(await resolveAwsTarget({ stackName: 'Netra-staging' }, clients())).toEqual({ stackName: 'Netra-staging', tableName: 'Netra-staging-Table-9', usagePlanId: 'abc123' });
  });

  it('needs no lookup when both are given', async () => {
    expect(await resolveAwsTarget({ tableName: 't', usagePlanId: 'p' }, clients())).toEqual({ stackName: 'Netra', tableName: 't', usagePlanId: 'p' });
    expect(cloudFormation.calls()).toHaveLength(0);
  });

  it('says how to fix a missing stack', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({ name: 'ValidationError', $fault: 'client', $metadata: {}, message: 'Stack with id Netra does not exist' }),
    );
    await expect(resolveAwsTarget({}, clients())).rejects.toThrow(/stack Netra was not found .*\(npx cdk deploy\)/);
  });
});

describe('enableRegionUsage', () => {
  it("creates the region's usage key with the value the authorizer returns and attaches it to the plan", async () => {
    apiGateway.on(GetApiKeysCommand).resolves({ items: [] });
    apiGateway.on(CreateApiKeyCommand).resolves({ id: 'key1', name: 'netra-usage-region-34.02', enabled: true });
    apiGateway.on(CreateUsagePlanKeyCommand).resolves({ id: 'key1' });

    expect(await enableRegionUsage(target, '34.02', clients())).toEqual({ apiKeyId: 'key1', created: true });
    expect(apiGateway.commandCalls(CreateApiKeyCommand)[0]!.args[0].input).toMatchObject({ name: 'netra-usage-region-34.02', value: 'netra-usage-region-34.02', enabled: true });
    expect(apiGateway.commandCalls(CreateUsagePlanKeyCommand)[0]!.args[0].input).toEqual({ usagePlanId: 'plan123', keyId: 'key1', keyType: 'API_KEY' });
  });

  it('is safe to run again: an existing key already in the plan is left as it is', async () => {
    apiGateway.on(GetApiKeysCommand).resolves({ items: [{ id: 'key1', name: 'netra-usage-region-34.02', enabled: true }, { id: 'x', name: 'netra-usage-region-34.021', enabled: true }] });
    apiGateway.on(CreateUsagePlanKeyCommand).rejects(new ConflictException({ $metadata: {}, message: 'already in plan' }));

    expect(await enableRegionUsage(target, '34.02', clients())).toEqual({ apiKeyId: 'key1', created: false });
    expect(apiGateway.commandCalls(CreateApiKeyCommand)).toHaveLength(0);
    expect(apiGateway.commandCalls(UpdateApiKeyCommand)).toHaveLength(0);
  });

  it('re-enables a disabled key', async () => {
    apiGateway.on(GetApiKeysCommand).resolves({ items: [{ id: 'key9', name: 'netra-usage-region-64.02', enabled: false }] });
    apiGateway.on(CreateUsagePlanKeyCommand).resolves({});
    await enableRegionUsage(target, '64.02', clients());
    expect(apiGateway.commandCalls(UpdateApiKeyCommand)[0]!.args[0].input).toEqual({ apiKey: 'key9', patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] });
  });

  it('passes other API Gateway errors on', async () => {
    apiGateway.on(GetApiKeysCommand).resolves({ items: [] });
    apiGateway.on(CreateApiKeyCommand).resolves({ id: 'key1' });
    apiGateway.on(CreateUsagePlanKeyCommand).rejects(new Error('AccessDenied'));
    await expect(enableRegionUsage(target, '34.01', clients())).rejects.toThrow('AccessDenied');
  });
});

describe('usageKeyValue', () => {
  it('is what the authorizer names as the usage identifier, and long enough for API Gateway (20+ characters)', async () => {
    const { authorize } = await import('../../functions/http/authorizer.ts');
    const { dependencies } = await import('../../functions/composition/root.ts');
    const { createRegion, issueKey } = await import('../../functions/use-cases/keys.ts');
    const deps = dependencies();
    await createRegion(deps, { id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPP' });
    const { key } = await issueKey(deps, '34.02');
    const result = await authorize({
      type: 'REQUEST', methodArn: 'arn:aws:execute-api:ap-southeast-3:123456789012:abc/prod/GET/v1/reports', headers: { 'x-api-key': key },
    } as any);
    expect(result.usageIdentifierKey).toBe(usageKeyValue('34.02'));
    expect(usageKeyValue('34').length).toBeGreaterThanOrEqual(20);
  });
});
