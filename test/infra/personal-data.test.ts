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

describe('alarms', () => {
  it('fire when one key reads more than the set number of distinct reports in an hour, and when an access-log entry is lost', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DistinctReportsReadByKey', Namespace: 'netra', Statistic: 'Maximum', Period: 3600, Threshold: 41,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: Match.anyValue(),
    });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'AccessLogWriteFailed', Namespace: 'netra', Statistic: 'Sum', Threshold: 1 });
  });

  it('a threshold at or above the counter\'s cap is refused at synth', () => {
    expect(() => synthNetra({ workflow: WORKFLOW_UNDER_TEST, context: { 'netra:unusualReadsPerHour': '1000' } })).toThrow(/netra:unusualReadsPerHour/);
  });
});
