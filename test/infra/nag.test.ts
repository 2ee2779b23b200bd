// cdk-nag's AwsSolutions pack over the whole app: no finding left unacknowledged, every acknowledgement reasoned.
import { describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthNetra, WORKFLOW_UNDER_TEST } from './support.ts';

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: unknown }> {
  const out: Array<{ path: string; id: string; reason: unknown }> = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) out.push({ path: construct.node.path, id, reason });
    }
  }
  return out;
}

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged error or warning in the stack', () => {
    const { app } = synthNetra({ workflow: WORKFLOW_UNDER_TEST });
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('also with a custom domain and no account-level API Gateway role', () => {
    const { app } = synthNetra({
      workflow: WORKFLOW_UNDER_TEST,
      context: {
        'netra:domainName': 'netra.bkpp.example.go.id',
        'netra:certificateArn': 'arn:aws:acm:ap-southeast-3:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
        'netra:manageApiGatewayAccount': 'false',
      },
    });
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('gives every acknowledgement its reason, in code', () => {
    const { app } = synthNetra({ workflow: WORKFLOW_UNDER_TEST });
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.path} ${ack.id}`).toBe('string');
      expect((ack.reason as string).length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
    }
  });

  it('is not vacuous: an unacknowledged finding is reported and fails the synth', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Probe');
    new Table(stack, 'NoRecovery', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    expect(new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName)).toContain('AwsSolutions-DDB3');

    const withError = new App({ builtinCloudFormationValidation: false });
    const errorStack = new Stack(withError, 'Probe');
    const table = new Table(errorStack, 'T', { partitionKey: { name: 'PK', type: AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    table.grantFullAccess(new Role(errorStack, 'R', { assumedBy: new AccountRootPrincipal() }));
    Validations.of(withError).addPlugins(new AwsSolutionsChecks(withError));
    expect(() => withError.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});
