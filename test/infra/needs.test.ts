// Each function declares what it uses once (`export const needs`): the stack grants what that declaration needs, the
// runtime builds exactly those adapters, and routes that other work adds are deployed with the right grants.
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from '../../infra/config.ts';
import { appRouteSpecs, NetraStack } from '../../infra/netra-stack.ts';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_LOG_WRITER_NEEDS, AUTHORIZER_NEEDS, RECONCILER_NEEDS, routeNeeds, stepNeeds } from '../../infra/needs.ts';
import { STEP_MODULES } from '../../infra/step-modules.ts';
import { endpoints, handlerFile, type RouteName } from '../../functions/http/routes.ts';
import { grantsOf } from '../../functions/composition/needs.ts';
import { buildDependencies, dependencies, wrapLocal } from '../../functions/composition/root.ts';
import { reports } from '../../functions/composition/stores/reports.ts';
import { ses } from '../../functions/composition/aws/ses.ts';
import { linkSecret } from '../../functions/composition/aws/link-secret.ts';
import { stepFunctions } from '../../functions/composition/aws/step-functions.ts';
import { kmsSeal } from '../../functions/composition/aws/kms-seal.ts';
import { accessLog, accessLogWriter } from '../../functions/composition/stores/access-log.ts';
import { loadConfig as loadRuntimeConfig } from '../../functions/lib/config.ts';
import { arnText, EXAMPLE_CONTEXT, FIXTURE_WORKFLOW, iamStatements, type CfnTemplate } from './support.ts';

describe('grants come from each function\'s declaration', () => {
  it('its table access, and what the adapters it uses need', () => {
    expect(routeNeeds('getStats')).toEqual({ table: 'read' });
    expect(routeNeeds('createCeremony')).toEqual({ table: 'readwrite' });
    expect(routeNeeds('getDecision')).toEqual({ table: 'read', linkSecret: true });
    expect(routeNeeds('postDecision')).toEqual({ table: 'readwrite', linkSecret: true, resumeExecution: true });
    expect(routeNeeds('submitReport')).toEqual({ table: 'readwrite', startExecution: true, repairExecution: true, reporterKey: 'seal' });
    expect(routeNeeds('unsealReporter')).toEqual({ table: 'readwrite', sendEmail: true, reporterKey: 'unseal', journalAccessLog: true });
    // A read that answers a named person journals its entry in its own log (ADR 0404), and writes nothing; the
    // writer alone appends to the access log's partitions.
    expect(routeNeeds('getReport')).toEqual({ table: 'read', journalAccessLog: true });
    expect(routeNeeds('getCaseFile')).toEqual({ table: 'read', journalAccessLog: true });
    expect(ACCESS_LOG_WRITER_NEEDS).toEqual({ table: 'read', appendAccessLog: true });
    expect(routeNeeds('recordNationalAction')).toEqual({ table: 'readwrite', startExecution: true });
    expect(routeNeeds('openapi')).toEqual({ table: 'none' });
    expect(routeNeeds('getGuidance')).toEqual({ table: 'none' });
    expect(stepNeeds('request-decision')).toEqual({ table: 'readwrite', sendEmail: true, linkSecret: true });
    expect(stepNeeds('notify-bawaslu')).toEqual({ table: 'readwrite', sendEmail: true });
    expect(stepNeeds('await-decision')).toEqual({ table: 'readwrite', resumeExecution: true });
    expect(AUTHORIZER_NEEDS).toEqual({ table: 'read' });
    expect(RECONCILER_NEEDS).toEqual({ table: 'readwrite', startExecution: true, repairExecution: true, linkSecret: true, sendEmail: true });
    expect(() => routeNeeds('toString')).toThrow(/no endpoint toString/);
  });

  it('an adapter\'s factory carries its permissions, and a declaration adds them up', () => {
    expect(grantsOf({ table: 'read', uses: {} })).toEqual({ table: 'read' });
    expect(grantsOf({ table: 'readwrite', uses: { mailer: ses, links: linkSecret } })).toEqual({ table: 'readwrite', sendEmail: true, linkSecret: true });
    expect(grantsOf({ table: 'read', uses: { workflow: stepFunctions('resumeExecution') } })).toEqual({ table: 'read', resumeExecution: true });
    expect(grantsOf({ table: 'readwrite', uses: { seal: kmsSeal('unseal') } })).toEqual({ table: 'readwrite', reporterKey: 'unseal' });
    // A function that journals access gets its log subscribed, whatever its table access; the writer appends to the
    // log (a function that writes the table has that already).
    expect(grantsOf({ table: 'read', uses: { reports, accessLog } })).toEqual({ table: 'read', journalAccessLog: true });
    expect(grantsOf({ table: 'readwrite', uses: { reports, accessLog } })).toEqual({ table: 'readwrite', journalAccessLog: true });
    expect(grantsOf({ table: 'read', uses: { accessLogWriter } })).toEqual({ table: 'read', appendAccessLog: true });
    expect(grantsOf({ table: 'readwrite', uses: { accessLogWriter } })).toEqual({ table: 'readwrite' });
  });

  it('every function module declares its needs, and every step module is listed for the stack', async () => {
    const modules = ['http', 'steps', 'scheduled', 'subscribers'].flatMap((dir) =>
      // (test/infra/layers.test.ts's probe files, zz-probe-*, come and go while it runs beside this file.)
      readdirSync(`functions/${dir}`).filter((file) => file !== 'routes.ts' && !file.startsWith('zz-probe-')).map((file) => `functions/${dir}/${file}`));
    for (const file of modules) {
      const { needs } = (await import(`../../${file}`)) as { needs?: { table?: string; uses?: object } };
      expect(['none', 'read', 'readwrite'], file).toContain(needs?.table);
      expect(needs?.uses, file).toBeTypeOf('object');
    }
    expect([...STEP_MODULES.keys()].sort()).toEqual(readdirSync('functions/steps').filter((f) => !f.startsWith('zz-probe-')).map((file) => file.replace(/\.ts$/, '')).sort());
    expect((Object.keys(endpoints) as RouteName[]).map((name) => handlerFile(name)).sort()).toEqual(readdirSync('functions/http').filter((f) => !['routes.ts', 'authorizer.ts'].includes(f) && !f.startsWith('zz-probe-')).sort());
  });

  it('the runtime builds only what a function declares: reaching anything else throws, naming the declaration', () => {
    const cfg = loadRuntimeConfig({ NETRA_MODE: 'aws', TABLE_NAME: 'netra', AWS_REGION: 'ap-southeast-3', SENDER_EMAIL: 'netra@example.go.id' });
    const deps = buildDependencies(cfg, { reports, mailer: ses });
    expect(typeof deps.reports.get).toBe('function');
    expect(typeof deps.mailer.send).toBe('function');
    expect(() => deps.workflow).toThrow(/not given the workflow adapter: name it in its declaration/);
    expect(() => deps.links).toThrow(/not given the links adapter/);
    // Settings are checked when the adapter is first built: a missing one names its variable.
    const bare = buildDependencies(loadRuntimeConfig({ NETRA_MODE: 'aws', TABLE_NAME: 'netra', AWS_REGION: 'ap-southeast-3' }), { links: linkSecret });
    expect(() => bare.links).toThrow(/BASE_URL, LINK_SECRET_ARN must be set in aws mode/);
  });
});

describe('the composition root chooses AWS or local adapters in one place', () => {
  it('local mode by the configuration alone: nothing is registered first', () => {
    const cfg = loadRuntimeConfig({ NETRA_MODE: 'local', TABLE_NAME: 'netra', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', NETRA_DATA_DIR: mkdtempSync(join(tmpdir(), 'netra-root-')) });
    // Local mode serves every function from one process: every dependency is there, whatever was declared.
    const deps = buildDependencies(cfg, { reports });
    expect(deps.local?.runner).toBeDefined();
    expect(deps.workflow).toBe(deps.local!.runner);
    expect(typeof deps.links.secret).toBe('function');
    expect(typeof deps.seal.unseal).toBe('function');
  });

  it('a local wrap applies to a function whose dependencies were taken before it (no order to keep)', async () => {
    // A step module imported, its dependencies reached: then the wrap, as npm start and the benchmarks make it.
    const step = await import('../../functions/steps/notify-bawaslu.ts');
    const before = dependencies(step.needs);
    const unwrapped = before.mailer;
    wrapLocal((built) => ({ mailer: { send: (message) => built.mailer.send(message) } }));
    expect(before.mailer).not.toBe(unwrapped);
    expect(dependencies().mailer).toBe(before.mailer);
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
