// The deployment settings from CDK context: defaults, `-c` strings, and messages that name the bad key.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../infra/config.ts';
import { EXAMPLE_CONTEXT } from './support.ts';

const read = (context: Record<string, unknown>) => (key: string) => context[key];

describe('loadConfig', () => {
  it('accepts the example context of cdk.json, with defaults for the rest', () => {
    expect(loadConfig(read(EXAMPLE_CONTEXT))).toEqual({
      stackName: 'Netra',
      awsRegion: 'ap-southeast-3',
      senderEmail: 'netra@bkpp.example.go.id',
      sesIdentity: 'netra@bkpp.example.go.id',
      sesConfigurationSet: undefined,
      baseUrl: undefined,
      alarmEmail: 'ops@bkpp.example.go.id',
      customDomain: undefined,
      regionThrottle: { rateLimit: 10, burstLimit: 20 },
      apiThrottle: { rateLimit: 50, burstLimit: 100 },
      publicThrottle: { rateLimit: 5, burstLimit: 10 },
      logRetentionDays: 90,
      manageApiGatewayAccount: true,
      listIndexes: 4,
      unusualReadsPerHour: 100,
    });
  });

  it('reads `-c key=value` strings', () => {
    const config = loadConfig(read({
      ...EXAMPLE_CONTEXT,
      'netra:sesIdentity': 'bkpp.example.go.id',
      'netra:regionRateLimit': '5',
      'netra:logRetentionDays': '365',
      'netra:manageApiGatewayAccount': 'false',
      'netra:baseUrl': 'https://netra.bantulkab.go.id',
      'netra:domainName': 'netra.bantulkab.go.id',
      'netra:certificateArn': 'arn:aws:acm:ap-southeast-3:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
    }));
    expect(config).toMatchObject({
      sesIdentity: 'bkpp.example.go.id',
      regionThrottle: { rateLimit: 5, burstLimit: 20 },
      logRetentionDays: 365,
      manageApiGatewayAccount: false,
      baseUrl: 'https://netra.bantulkab.go.id',
      customDomain: { domainName: 'netra.bantulkab.go.id' },
    });
  });

  it('names every bad key, what it got, and where to set it', () => {
    const attempt = () => loadConfig(read({
      'netra:senderEmail': undefined,
      'netra:baseUrl': 'http://netra.example.go.id/',
      'netra:logRetentionDays': 10,
    }));
    expect(attempt).toThrow(/netra:senderEmail: .*\(missing\)/);
    expect(attempt).toThrow(/netra:baseUrl: must be an https:\/\/ URL \(got "http:\/\/netra\.example\.go\.id\/"\)/);
    expect(attempt).toThrow(/netra:logRetentionDays: must be one of 1, 3, .* \(got 10\)/);
    expect(attempt).toThrow(/cdk\.json .* -c key=value/);
  });

  it('deploys to Jakarta unless told otherwise, and refuses what is not a region code', () => {
    const { 'netra:awsRegion': _, ...withoutRegion } = EXAMPLE_CONTEXT;
    expect(loadConfig(read(withoutRegion)).awsRegion).toBe('ap-southeast-3');
    expect(loadConfig(read({ ...EXAMPLE_CONTEXT, 'netra:awsRegion': 'ap-southeast-1' })).awsRegion).toBe('ap-southeast-1');
    expect(() => loadConfig(read({ ...EXAMPLE_CONTEXT, 'netra:awsRegion': 'Jakarta' }))).toThrow(/netra:awsRegion: must be an AWS region code/);
  });

  it('wants a custom domain with its certificate', () => {
    expect(() => loadConfig(read({ ...EXAMPLE_CONTEXT, 'netra:domainName': 'netra.example.go.id' }))).toThrow(
      /netra:certificateArn: a custom domain needs both netra:domainName and netra:certificateArn \(missing\)/,
    );
  });

  it('refuses an SES identity the sender does not belong to, and a region rate above the API\'s', () => {
    expect(() => loadConfig(read({ ...EXAMPLE_CONTEXT, 'netra:sesIdentity': 'other.example.org' }))).toThrow(/netra:sesIdentity: must be netra@bkpp\.example\.go\.id or its domain/);
    expect(() => loadConfig(read({ ...EXAMPLE_CONTEXT, 'netra:regionRateLimit': 80 }))).toThrow(/netra:regionRateLimit: must not exceed netra:apiRateLimit \(50\)/);
  });
});
