// The stack's side of personal data: the reporter key (rotated, kept), grants to exactly the functions that seal and
// unseal (each one action, on that key, for netra's context only), and the unusual-reads and access-log alarms.
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { arnText, iamStatements, resourcesOfType, synthNetra, WORKFLOW_UNDER_TEST, type CfnTemplate } from './support.ts';

let synth: ReturnType<typeof synthNetra>;
let json: CfnTemplate;
beforeAll(() => {
  synth = synthNetra({ workflow: WORKFLOW_UNDER_TEST, context: { 'netra:unusualReadsPerHour': '40' } });
  json = synth.json as CfnTemplate;
});

const reporterKeyId = () => resourcesOfType(json, 'AWS::KMS::Key').find(([, key]) => String(key.Properties.Description).includes('reporters'))![0];

describe('the reporter key', () => {
  it('is a KMS key with yearly rotation, kept when the stack goes, and every function knows its ARN', () => {
    const id = reporterKeyId();
    expect(json.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    for (const [, fn] of resourcesOfType(json, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Environment)) {
      expect(fn.Properties.Environment.Variables.REPORTER_KEY_ARN).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    }
  });

  it('is granted to exactly three functions: the intake and a national body\'s push may make data keys, the unseal may open them, for netra\'s context only', () => {
    const id = reporterKeyId();
    const onKey = iamStatements(json).filter((s) => s.resources.some((r) => arnText(r).includes(id)));
    const byPolicy = onKey.map((s) => ({ policy: s.policy.replace(/ServiceRole.*$/, ''), actions: s.actions, condition: s.statement.Condition }))
      .sort((a, b) => a.policy.localeCompare(b.policy));
    expect(byPolicy).toEqual([
      { policy: expect.stringMatching(/^RoutePushRecommendation/), actions: ['kms:GenerateDataKey'], condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'netra-reporter' } } },
      { policy: expect.stringMatching(/^RouteSubmitReport/), actions: ['kms:GenerateDataKey'], condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'netra-reporter' } } },
      { policy: expect.stringMatching(/^RouteUnsealReporter/), actions: ['kms:Decrypt'], condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'netra-reporter' } } },
    ]);
    // No wildcard KMS action anywhere on it.
    expect(iamStatements(json).some((s) => s.actions.some((a) => a === 'kms:*' || a === '*'))).toBe(false);
  });
});

describe('the access log\'s journal (ADR 0404)', () => {
  const logicalIdOf = (prefix: string) => resourcesOfType(json, 'AWS::Lambda::Function').find(([id]) => id.startsWith(prefix))![0];

  it('every function that answers a named person has its log group subscribed to the writer, on the journal\'s term', () => {
    const writer = logicalIdOf('AccessLogWriter');
    const filters = resourcesOfType(json, 'AWS::Logs::SubscriptionFilter');
    const subscribed = filters.map(([, filter]) => {
      expect(filter.Properties).toMatchObject({ FilterPattern: '"netraAccessEntry"', DestinationArn: { 'Fn::GetAtt': [writer, 'Arn'] } });
      return String(filter.Properties.LogGroupName.Ref).replace(/Logs[0-9A-F]{8}$/, '');
    }).sort();
    expect(subscribed).toEqual(['RouteGetAccessLog', 'RouteGetCaseFile', 'RouteGetPerson', 'RouteGetReport', 'RouteListReports', 'RouteUnsealReporter'].filter((id) => subscribed.includes(id)));
    for (const route of ['RouteGetReport', 'RouteGetCaseFile', 'RouteGetPerson', 'RouteListReports', 'RouteUnsealReporter']) expect(subscribed, route).toContain(route);
    // A journal line has no level, which Lambda's JSON log format files as INFO: a function that journals must not
    // filter INFO out, or its entries would never reach CloudWatch Logs.
    const journalling = resourcesOfType(json, 'AWS::Lambda::Function').filter(([fnId]) => subscribed.some((route) => fnId.startsWith(route)));
    expect(journalling.length).toBe(subscribed.length);
    for (const [id, fn] of journalling) {
      expect(fn.Properties.LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: expect.stringMatching(/^(TRACE|DEBUG|INFO)$/) });
    }
  });

  it('only the writer may append to the log\'s partitions, and no reading function writes the table', () => {
    const appends = iamStatements(json).filter((s) => s.statement.Sid === 'AccessLogAppend');
    expect(appends.map((s) => s.policy.replace(/ServiceRole.*$/, ''))).toEqual([expect.stringMatching(/^AccessLogWriter/)]);
    expect(appends[0]!.actions.sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(appends[0]!.statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REGION#*#ACCESS#*', 'APIKEYREADS#*'] } });
    const readers = iamStatements(json).filter((s) => /^RouteGet(Report|CaseFile|Person)/.test(s.policy));
    expect(readers.flatMap((s) => s.actions).filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|BatchWrite/.test(a))).toEqual([]);
  });

  it('a delivery the writer fails three times goes to an encrypted queue, alarmed', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf('AccessLogWriter') }, MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogDeadLetters'), 'Arn'] } } },
    });
    synth.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86400 });
    synth.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 1 });
  });
});

describe('alarms', () => {
  it('fire when one key reads more than the set number of distinct reports in an hour, and when an access-log entry is lost', () => {
    synth.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DistinctReportsReadByKey', Namespace: 'netra', Statistic: 'Maximum', Period: 3600, Threshold: 41,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: Match.anyValue(),
    });
    synth.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'AccessLogWriteFailed', Namespace: 'netra', Statistic: 'Sum', Threshold: 1 });
  });

  it('a threshold at or above the counter\'s cap is refused at synth', () => {
    expect(() => synthNetra({ workflow: WORKFLOW_UNDER_TEST, context: { 'netra:unusualReadsPerHour': '1000' } })).toThrow(/netra:unusualReadsPerHour/);
  });
});
