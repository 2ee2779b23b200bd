// Routes that other work adds (decision pages, ceremonies, stats) are deployed with the right grants, unchanged infra.
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from '../../infra/config.ts';
import { appRouteSpecs, NetraStack } from '../../infra/netra-stack.ts';
import { routeNeeds, stepNeeds } from '../../infra/needs.ts';
import { arnText, EXAMPLE_CONTEXT, FIXTURE_WORKFLOW, iamStatements, type CfnTemplate } from './support.ts';

describe('routeNeeds', () => {
  it('reads on GET, writes on PUT/POST, and gives decision pages the link key and, on POST, the task response', () => {
    expect(routeNeeds('getStats', { method: 'GET', path: '/v1/stats' })).toEqual({ table: 'read' });
    expect(routeNeeds('recordCeremony', { method: 'POST', path: '/v1/ceremonies' })).toEqual({ table: 'readwrite' });
    expect(routeNeeds('showDecision', { method: 'GET', path: '/decisions/{decisionId}' })).toEqual({ table: 'read', linkSecret: true });
    expect(routeNeeds('submitDecision', { method: 'POST', path: '/decisions/{decisionId}' })).toEqual({ table: 'readwrite', linkSecret: true, resumeExecution: true });
    expect(routeNeeds('openapi', { method: 'GET', path: '/openapi.json' })).toEqual({ table: 'none' });
    expect(routeNeeds('getGuidance', { method: 'GET', path: '/v1/guidance' })).toEqual({ table: 'none' });
    expect(stepNeeds('request-decision')).toEqual({ table: 'readwrite', sendEmail: true, linkSecret: true });
    expect(stepNeeds('notify-bawaslu')).toEqual({ table: 'readwrite', sendEmail: true, linkSecret: false });
    expect(stepNeeds('await-decision')).toEqual({ table: 'readwrite', sendEmail: false, linkSecret: false, resumeExecution: true });
  });
});

describe('a stack with decision pages', () => {
  it('grants them exactly that, keeps them public, and passes cdk-nag', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const config = loadConfig((key) => EXAMPLE_CONTEXT[key]);
    // The real decision routes of routes.ts (bundling is skipped here).
    const stack = new NetraStack(app, 'Netra', { config, workflow: FIXTURE_WORKFLOW, routes: appRouteSpecs() });
    const json = app.synth().getStackByName('Netra').template as CfnTemplate;
    const statementsOf = (id: string) => {
      const roleId = stack.getLogicalId(stack.functions.get(id)!.role!.node.defaultChild as any);
      return iamStatements(json).filter((s) => json.Resources[s.policy]!.Properties.Roles?.some((r: any) => r.Ref === roleId));
    };
    const actions = (id: string) => statementsOf(id).flatMap((s) => s.actions);
    const secretId = stack.getLogicalId(stack.node.findChild('LinkSecret').node.defaultChild as any);

    expect(actions('RouteGetDecision')).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:GetItem']));
    expect(actions('RouteGetDecision')).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    expect(actions('RouteGetDecision').some((a) => a.startsWith('states:'))).toBe(false);
    const resume = statementsOf('RoutePostDecision').find((s) => s.actions.includes('states:SendTaskSuccess'))!;
    expect(resume.actions.sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    expect(resume.resources.map(arnText)).toEqual(['arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:Netra-sanction']);
    const secretRead = statementsOf('RoutePostDecision').find((s) => s.actions.includes('secretsmanager:GetSecretValue'))!;
    expect(secretRead.resources).toEqual([{ Ref: secretId }]);

    const methods = Object.values(json.Resources).filter((r) => r.Type === 'AWS::ApiGateway::Method' && ['getDecision', 'postDecision', 'getGuidance'].includes(r.Properties.OperationName));
    expect(methods.map((m) => [m.Properties.OperationName, m.Properties.HttpMethod, m.Properties.AuthorizationType, m.Properties.ApiKeyRequired]).sort()).toEqual([
      ['getDecision', 'GET', 'NONE', false],
      ['getGuidance', 'GET', 'NONE', false],
      ['postDecision', 'POST', 'NONE', false],
    ]);
    // The catalogue is data in the bundle: its function may not touch the table.
    expect(actions('RouteGetGuidance').some((a) => a.startsWith('dynamodb:'))).toBe(false);
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});
