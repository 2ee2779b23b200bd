// The synthesized stack: table, functions, API, workflow, IAM and alarms, as CloudFormation will see them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { routes } from '../../functions/http/routes.ts';
import { BAWASLU_NOTICE_FAILED_STATE, placeholdersOf, stepFileOf } from '../../infra/constructs/sanction-workflow.ts';
import {
  arnText, iamStatements, resourcesOfType, synthNetra, WORKFLOW_FILE_UNDER_TEST, WORKFLOW_UNDER_TEST, type CfnTemplate,
} from './support.ts';

let synth: ReturnType<typeof synthNetra>;
let json: CfnTemplate;
beforeAll(() => {
  synth = synthNetra({ workflow: WORKFLOW_UNDER_TEST });
  json = synth.json as CfnTemplate;
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } } | object) =>
  synth.stack.getLogicalId((construct as any).node.defaultChild ?? construct);

describe('table', () => {
  it('is on demand, recoverable, protected from deletion, and expires items by `expiration`', () => {
    synth.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: [
          Match.objectLike({ IndexName: 'GSI1', KeySchema: [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }] }),
          Match.objectLike({ IndexName: 'GSI2', KeySchema: [{ AttributeName: 'GSI2PK', KeyType: 'HASH' }, { AttributeName: 'GSI2SK', KeyType: 'RANGE' }] }),
          // The list indexes: sparse, in GSI1's report order; those of the list items carry the filters that never change.
          ...['Category', 'Stage', 'Source'].map((name) => Match.objectLike({
            IndexName: name,
            KeySchema: [{ AttributeName: `${name}PK`, KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['CategoryPK', 'StagePK', 'SourcePK', 'electionId'].filter((a) => a !== `${name}PK`) },
          })),
          Match.objectLike({
            IndexName: 'Overdue',
            KeySchema: [{ AttributeName: 'OverduePK', KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          }),
        ],
      }),
    });
    synth.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    // Every function is told which list indexes there are.
    for (const [, fn] of resourcesOfType(json, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.NETRA_LIST_INDEXES).toBe('Category,Stage,Source,Overdue');
    }
  });

  it('gets the list indexes one deploy at a time where `netra:listIndexes` says so, and its functions know which it has', () => {
    const staged = synthNetra({ context: { 'netra:listIndexes': '1' } });
    const [[, table]] = resourcesOfType(staged.json as CfnTemplate, 'AWS::DynamoDB::Table') as [[string, any]];
    expect(table.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(['GSI1', 'GSI2', 'Category']);
    const list = resourcesOfType(staged.json as CfnTemplate, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties.Environment.Variables.NETRA_LIST_INDEXES);
    expect(new Set(list)).toEqual(new Set(['Category']));
    // Only the indexes that exist are granted.
    const granted = iamStatements(staged.json as CfnTemplate).flatMap((s) => s.resources.map(arnText)).filter((arn) => arn.includes('/index/'));
    expect(new Set(granted.map((arn) => arn.split('/index/')[1]))).toEqual(new Set(['GSI1', 'GSI2', 'Category']));
    expect(() => synthNetra({ context: { 'netra:listIndexes': '5' } })).toThrow(/netra:listIndexes/);
  });
});

describe('functions', () => {
  it('the stack is pinned to the region of cdk.json, Jakarta', () => {
    expect(synth.stack.region).toBe('ap-southeast-3');
  });

  it('every function is nodejs24.x on arm64, traced, source-mapped, with its own retained log group', () => {
    const functions = resourcesOfType(json, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(Object.keys(routes).length); // routes + authorizer (+ steps)
    for (const [id, fn] of functions) {
      const p = fn.Properties;
      expect({ id, runtime: p.Runtime, arch: p.Architectures, tracing: p.TracingConfig?.Mode, handler: p.Handler }).toEqual({
        id, runtime: 'nodejs24.x', arch: ['arm64'], tracing: 'Active', handler: 'index.handler',
      });
      expect(p.Environment.Variables).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', NETRA_MODE: 'aws', POWERTOOLS_SERVICE_NAME: 'netra' });
      for (const name of ['TABLE_NAME', 'STATE_MACHINE_ARN', 'BASE_URL', 'SENDER_EMAIL', 'LINK_SECRET_ARN']) {
        expect(p.Environment.Variables[name], `${id} ${name}`).toBeDefined();
      }
      const logGroup = json.Resources[p.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(90);
      expect(logGroup.DeletionPolicy).toBe('Retain');
      // An own role with no AWS managed policy: it writes only to its own log group.
      const role = json.Resources[p.Role['Fn::GetAtt'][0]]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('API', () => {
  it('has one method per route, through the region-key authorizer and the usage plan when the route needs a key', () => {
    const methods = resourcesOfType(json, 'AWS::ApiGateway::Method');
    expect(methods).toHaveLength(Object.keys(routes).length);
    for (const [name, route] of Object.entries(routes)) {
      const [, method] = methods.find(([, m]) => m.Properties.OperationName === route.operationId) ?? [];
      expect(method, name).toBeDefined();
      expect(method.Properties.HttpMethod).toBe(route.method);
      expect(method.Properties.AuthorizationType).toBe(route.auth ? 'CUSTOM' : 'NONE');
      expect(method.Properties.ApiKeyRequired).toBe(route.auth);
      // The integration calls this route's own function.
      const target = method.Properties.Integration.Uri['Fn::Join'][1].find((part: any) => part['Fn::GetAtt'])['Fn::GetAtt'][0];
      expect(target).toBe(logicalIdOf(synth.stack.functions.get(`Route${name[0]!.toUpperCase()}${name.slice(1)}`)!));
    }
  });

  it('authorizes by the x-api-key header with a short cache, and meters each region by the authorizer\'s usage key', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 60,
    });
    synth.template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER', EndpointConfiguration: { Types: ['REGIONAL'] } });
    synth.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 10, BurstLimit: 20 } });
  });

  it('logs access without keys or query strings, traces, caps the whole stage, and never logs bodies', () => {
    const [[, stage]] = resourcesOfType(json, 'AWS::ApiGateway::Stage') as [[string, any]];
    const format: string = stage.Properties.AccessLogSetting.Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', resource: '$context.resourcePath' });
    expect(format).not.toMatch(/apiKey|querystring|\$context\.path|requestOverride|\$input/i);
    expect(stage.Properties.TracingEnabled).toBe(true);
    expect(stage.Properties.MethodSettings[0]).toEqual(
      expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false, LoggingLevel: 'ERROR', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
    );
    for (const setting of stage.Properties.MethodSettings) expect(setting).toMatchObject({ DataTraceEnabled: false, LoggingLevel: 'ERROR' });
  });

  it('meters the national bodies\' routes in a usage plan of their own, apart from the regions\', each national method throttled there', () => {
    const plans = resourcesOfType(json, 'AWS::ApiGateway::UsagePlan').map(([, r]) => r.Properties);
    expect(plans).toHaveLength(2);
    const national = plans.find((plan) => String(plan.UsagePlanName).endsWith('-national'))!;
    expect(national.Throttle).toEqual({ RateLimit: 5, BurstLimit: 10 });
    const nationalRoutes = Object.values(routes).filter((route) => 'national' in route && route.national);
    expect(nationalRoutes.map((route) => route.path).every((path) => path.startsWith('/v1/national/'))).toBe(true);
    const throttled = Object.keys(national.ApiStages[0].Throttle).sort();
    expect(throttled).toEqual(nationalRoutes.map((route) => `${route.path}/${route.method}`).sort());
    const regional = plans.find((plan) => plan !== national)!;
    expect(regional.ApiStages[0].Throttle ?? {}).toEqual({});
    expect(Object.keys(json.Outputs ?? {})).toContain('NationalUsagePlanId');
  });

  it('gives every public route (auth: false in routes.ts) its own method throttle, apart from the regions\' plan', () => {
    const [[, stage]] = resourcesOfType(json, 'AWS::ApiGateway::Stage') as [[string, any]];
    const settings: any[] = stage.Properties.MethodSettings.slice(1);
    const key = (method: string, path: string) => `${method} /${path.replace(/\//g, '~1')}`;
    const publicRoutes = Object.values(routes).filter((route) => !route.auth);
    expect(publicRoutes.map((route) => route.path)).toEqual(expect.arrayContaining(['/v1/track/{receiptCode}', '/decisions/{decisionId}', '/openapi.json', '/health']));
    expect(settings.map((s) => `${s.HttpMethod} ${s.ResourcePath}`).sort()).toEqual(publicRoutes.map((r) => key(r.method, r.path)).sort());
    expect(settings.find((s) => s.HttpMethod === 'GET' && s.ResourcePath === '/~1v1~1track~1{receiptCode}')).toBeTruthy();
    for (const setting of settings) {
      // A few per second for all callers together: far below the stage's 50/s and the account's Lambda concurrency.
      expect(setting).toMatchObject({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10, MetricsEnabled: false });
    }
    // The paths exist as the API's resources (a misspelt path would throttle nothing).
    const resourcePaths = new Set(resourcesOfType(json, 'AWS::ApiGateway::Resource').map(([, r]) => r.Properties.PathPart));
    for (const route of publicRoutes) expect(resourcePaths.has(route.path.split('/').at(-1)), route.path).toBe(true);
  });

  it('takes the public throttle from netra:publicRateLimit and netra:publicBurstLimit', () => {
    const other = synthNetra({ context: { 'netra:publicRateLimit': '2', 'netra:publicBurstLimit': '4' } });
    const [[, stage]] = resourcesOfType(other.json as CfnTemplate, 'AWS::ApiGateway::Stage') as [[string, any]];
    const throttles = stage.Properties.MethodSettings.slice(1).map((s: any) => [s.ThrottlingRateLimit, s.ThrottlingBurstLimit]);
    expect(throttles.length).toBeGreaterThanOrEqual(4);
    for (const throttle of throttles) expect(throttle).toEqual([2, 4]);
  });

  it("answers API Gateway's own errors as application/problem+json", () => {
    const responses = Object.fromEntries(resourcesOfType(json, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => [r.Properties.ResponseType, r.Properties]));
    for (const [type, status] of [['UNAUTHORIZED', 401], ['REQUEST_TOO_LARGE', 413], ['THROTTLED', 429], ['MISSING_AUTHENTICATION_TOKEN', 404]] as const) {
      const response = responses[type];
      expect(response?.StatusCode, type).toBe(String(status));
      expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      const body = JSON.parse(response.ResponseTemplates['application/json']);
      expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/netra\.id\/problems\//), title: expect.any(String), detail: expect.any(String) });
    }
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX']));
    // Every one says what happened in Indonesian and English, as the handlers' problems do.
    for (const [type, response] of Object.entries(responses) as [string, any][]) {
      expect(JSON.parse(response.ResponseTemplates['application/json']).detail, type).toContain(' / ');
    }
  });
});

describe('workflow', () => {
  const fileText = readFileSync(WORKFLOW_FILE_UNDER_TEST, 'utf8');

  it('is a Standard state machine logging every event (without execution data) and traced', () => {
    synth.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      StateMachineName: 'Netra-sanction',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('deploys the workflow file itself: after substitution it equals the file, with no placeholder left', () => {
    const [[, machine]] = resourcesOfType(json, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    const substitutions: Record<string, unknown> = machine.Properties.DefinitionSubstitutions;
    const fill = (text: string) => text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => (name in substitutions ? arnText(substitutions[name]) : whole));
    const deployed = fill(machine.Properties.DefinitionString);
    expect(deployed).not.toContain('${');
    expect(JSON.parse(deployed)).toEqual(JSON.parse(fill(fileText)));
    expect(Object.keys(substitutions).sort()).toEqual(placeholdersOf(fileText).sort());
  });

  it('fills each ${XxxFunctionArn} with the function built from the step handler of that name', () => {
    const [[, machine]] = resourcesOfType(json, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    const stepPlaceholders = placeholdersOf(fileText).filter((name) => stepFileOf(name));
    expect(stepPlaceholders.length).toBeGreaterThan(0);
    for (const placeholder of stepPlaceholders) {
      const fn = synth.stack.workflow!.steps.get(stepFileOf(placeholder)!)!;
      expect(machine.Properties.DefinitionSubstitutions[placeholder]).toEqual({ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] });
    }
  });

  it('may invoke exactly its step functions, by unqualified ARN', () => {
    const [[, machine]] = resourcesOfType(json, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0];
    const invoke = iamStatements(json).filter((s) => s.actions.includes('lambda:InvokeFunction') && json.Resources[s.policy]!.Properties.Roles?.[0]?.Ref === roleId);
    expect(invoke).toHaveLength(1);
    const expected = [...synth.stack.workflow!.steps.values()].map((fn) => ({ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] }));
    expect(invoke[0]!.resources).toEqual(expect.arrayContaining(expected));
    expect(invoke[0]!.resources).toHaveLength(expected.length);
  });

  it(`names the failed-notice state the Bawaslu alarm watches (${BAWASLU_NOTICE_FAILED_STATE})`, () => {
    expect(synth.stack.workflow!.stateNames).toContain(BAWASLU_NOTICE_FAILED_STATE);
    synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp(`\\$\\.details\\.name = "${BAWASLU_NOTICE_FAILED_STATE}"`),
      MetricTransformations: [Match.objectLike({ MetricName: 'BawasluNoticeFailed', MetricNamespace: 'netra', MetricValue: '1' })],
    });
  });
});

describe('IAM', () => {
  const SCOPED = /^(dynamodb|states|ses|iam|secretsmanager|lambda):/;

  it('grants no wildcard action, and no wildcard resource to table, workflow, SES, secret, invoke or PassRole actions', () => {
    const statements = iamStatements(json);
    expect(statements.length).toBeGreaterThan(10);
    for (const s of statements) {
      for (const action of s.actions) expect(action, s.policy).not.toMatch(/(^\*$|:\*$)/);
      if (s.actions.some((action) => SCOPED.test(action))) {
        for (const resource of s.resources) {
          // Executions are named per report: describing and redriving them is scoped to this state machine's.
          if (s.actions.every((a) => a === 'states:DescribeExecution' || a === 'states:RedriveExecution')) {
            expect(arnText(resource)).toBe('arn:<AWS::Partition>:states:ap-southeast-3:<AWS::AccountId>:execution:Netra-sanction:*');
            continue;
          }
          expect(arnText(resource), `${s.policy} ${s.actions.join(',')}`).not.toContain('*');
        }
      }
    }
  });

  it('runs the daily digest every hour through EventBridge Scheduler, which may invoke only that function', () => {
    const fnId = logicalIdOf(synth.stack.functions.get('JobDailyDigest')!);
    const schedules = Object.values(json.Resources as Record<string, any>)
      .filter((r) => r.Type === 'AWS::Scheduler::Schedule' && JSON.stringify(r.Properties.Target.Arn).includes(fnId));
    expect(schedules).toHaveLength(1);
    expect(schedules[0].Properties.ScheduleExpression).toBe('cron(0 * * * ? *)');
    const invokes = iamStatements(json).filter((st) => st.actions.includes('lambda:InvokeFunction') && JSON.stringify(st.resources).includes(fnId));
    expect(invokes).toHaveLength(1);
    expect(invokes[0]!.resources).toHaveLength(1);
  });

  it('uses "*" resources only for X-Ray and the state machine\'s log delivery, which allow nothing narrower', () => {
    const allowed = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    for (const s of iamStatements(json).filter((st) => st.resources.includes('*'))) {
      for (const action of s.actions) expect(action, s.policy).toMatch(allowed);
    }
  });

  const statementsOf = (functionId: string) => {
    const fn = synth.stack.functions.get(functionId)!;
    const roleId = logicalIdOf(fn.role!);
    return iamStatements(json).filter((s) => json.Resources[s.policy]!.Properties.Roles?.some((r: any) => r.Ref === roleId));
  };
  const actionsOf = (functionId: string) => statementsOf(functionId).flatMap((s) => s.actions);
  const tableId = () => logicalIdOf(synth.stack.table);

  it('lets the authorizer and GET routes only read the table, and its indexes by name', () => {
    for (const id of ['Authorizer', 'RouteGetReport', 'RouteListReports', 'RouteTrackReport', 'RouteHealth']) {
      const dynamo = statementsOf(id).filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')) && s.statement.Sid !== 'AccessLogAppend');
      expect(dynamo.flatMap((s) => s.actions).sort(), id).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      expect(dynamo[0]!.resources.map(arnText).sort()).toEqual([
        `<${tableId()}.Arn>`, ...['GSI1', 'GSI2', 'Category', 'Stage', 'Source', 'Overdue'].map((index) => `<${tableId()}.Arn>/index/${index}`),
      ].sort());
    }
  });

  it('lets the access log\'s writer alone append to the log\'s partitions; a read that names a person writes nothing (ADR 0404)', () => {
    const appends = (id: string) => statementsOf(id).filter((s) => s.statement.Sid === 'AccessLogAppend');
    const [append, ...more] = appends('AccessLogWriter');
    expect(more).toEqual([]);
    expect(append!.actions.sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(append!.resources.map(arnText)).toEqual([`<${tableId()}.Arn>`]);
    expect(append!.statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REGION#*#ACCESS#*', 'APIKEYREADS#*'] } });
    // The patterns cover every partition the access log writes, and no report or list item.
    const matches = (key: string) => keys.accessLogPartitions.some((pattern) => new RegExp(`^${pattern.replaceAll('*', '.*')}$`).test(key));
    for (const key of [keys.accessOfReport('34.02', 'R'), keys.accessOfPerson('34.02', '1980'), keys.accessOfRegion('34.02'), keys.keyReads('k', 'h').PK]) expect(matches(key), key).toBe(true);
    for (const key of [keys.report('34.02', 'R').PK, keys.overdueReports('34.02'), 'REGION#34.02']) expect(matches(key), key).toBe(false);
    for (const id of ['RouteGetReport', 'RouteListReports', 'RouteGetCaseFile', 'RouteGetAccessLog', 'RouteGetPerson', 'Authorizer', 'RouteTrackReport', 'RouteHealth', 'RouteSubmitReport']) {
      expect(appends(id), id).toEqual([]);
    }
    for (const id of ['RouteGetReport', 'RouteListReports', 'RouteGetCaseFile', 'RouteGetPerson']) {
      expect(actionsOf(id).filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|BatchWrite/.test(a)), id).toEqual([]);
    }
  });

  it('lets the OpenAPI document touch no table, and only the intake, StartReview and the deadline step (their report.received and report.overdue notices), an appeal\'s recorded outcome (report.appeal_decided), a filed objection (its own execution), the reconciler and the continuation start executions', () => {
    expect(actionsOf('RouteOpenapi').filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    const starters = ['RouteSubmitReport', 'RouteRecordAppealDecision', 'RouteFileAppeal', 'RoutePushRecommendation', 'RouteRecordNationalAction', 'Reconciler', 'StepContinueWorkflow', 'StepStartReview', 'StepDecisionDeadline'];
    for (const id of starters) {
      const start = statementsOf(id).find((s) => s.actions.includes('states:StartExecution'))!;
      expect(start.resources.map(arnText), id).toEqual(['arn:<AWS::Partition>:states:ap-southeast-3:<AWS::AccountId>:stateMachine:Netra-sanction']);
    }
    for (const id of synth.stack.functions.keys()) {
      if (!starters.includes(id)) expect(actionsOf(id), id).not.toContain('states:StartExecution');
      const repairs = id === 'RouteSubmitReport' || id === 'RoutePushRecommendation' || id === 'Reconciler';
      expect(actionsOf(id).includes('states:RedriveExecution'), id).toBe(repairs);
    }
  });

  it('runs the reconciler every 5 minutes with EventBridge Scheduler, and alarms on repairs, failed steps and notices still failing', () => {
    const schedules = Object.values(json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::Scheduler::Schedule');
    // The reconciler's, the daily digest's, the national bodies' weekly digest's and the retention purge's.
    expect(schedules).toHaveLength(4);
    const purge = schedules.find((r) => r.Properties.ScheduleExpression === 'cron(0 2 * * ? *)')!.Properties;
    expect(purge).toMatchObject({ ScheduleExpressionTimezone: 'Asia/Jakarta' });
    expect(purge.Target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(synth.stack.functions.get('JobRetention')!), 'Arn'] });
    const weekly = schedules.find((r) => r.Properties.ScheduleExpression.includes('MON'))!.Properties;
    expect(weekly).toMatchObject({ ScheduleExpression: 'cron(0 7 ? * MON *)', ScheduleExpressionTimezone: 'Asia/Jakarta' });
    expect(weekly.Target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(synth.stack.functions.get('JobNationalDigest')!), 'Arn'] });
    const schedule = schedules.find((r) => r.Properties.ScheduleExpression.startsWith('rate('))!.Properties;
    expect(schedule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(synth.stack.functions.get('Reconciler')!), 'Arn'] });
    expect(synth.stack.functions.get('Reconciler')!.timeout?.toSeconds()).toBeGreaterThanOrEqual(60);
    const alarms = resourcesOfType(synth.alarmsInParent, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.find((a) => a.MetricName === 'WorkflowRepaired')).toMatchObject({ Namespace: 'netra', Threshold: 1 });
    expect(alarms.find((a) => a.MetricName === 'NoticesFailing')).toMatchObject({ Namespace: 'netra', Threshold: 1 });
    expect(alarms.find((a) => a.MetricName === 'WorkflowStepFailed')).toMatchObject({ Namespace: 'netra', Threshold: 1 });
    const filters = Object.values(json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::Logs::MetricFilter').map((r) => r.Properties);
    expect(filters.find((f) => f.MetricTransformations[0].MetricName === 'WorkflowStepFailed')?.FilterPattern).toContain('WorkflowStepFailed');
  });

  it('scopes task responses to the state machine and e-mail to the sender identity', () => {
    for (const s of iamStatements(json).filter((st) => st.actions.some((a) => a.startsWith('states:SendTask')))) {
      expect(s.resources.map(arnText)).toEqual(['arn:<AWS::Partition>:states:ap-southeast-3:<AWS::AccountId>:stateMachine:Netra-sanction']);
    }
    const ses = iamStatements(json).filter((s) => s.actions.some((a) => a.startsWith('ses:')));
    expect(ses.length).toBeGreaterThan(0);
    for (const s of ses) {
      expect(s.resources.map(arnText)).toEqual(['arn:<AWS::Partition>:ses:ap-southeast-3:<AWS::AccountId>:identity/netra@bkpp.example.go.id']);
      expect(s.statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'netra@bkpp.example.go.id' } });
    }
  });

  it('grants no iam:PassRole at all', () => {
    expect(iamStatements(json).flatMap((s) => s.actions)).not.toContain('iam:PassRole');
  });
});

describe('alarms and outputs', () => {
  it('alarms on every function\'s errors and throttles, the workflow and the API, to an encrypted topic', () => {
    const alarms = resourcesOfType(synth.alarmsInParent, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const functions = resourcesOfType(json, 'AWS::Lambda::Function').map(([id]) => id);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarms.filter((a) => a.MetricName === metric && a.Namespace === 'AWS/Lambda').map((a) => a.Dimensions[0].Value.Ref);
      expect(watched.sort(), metric).toEqual([...functions].sort());
    }
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'BawasluNoticeFailed', '5XXError']) {
      expect(alarms.some((a) => a.MetricName === metric), metric).toBe(true);
    }
    const topicId = logicalIdOf(synth.stack.node.findChild('Alarms').node.findChild('Topic'));
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    synth.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synth.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@bkpp.example.go.id' });
  });

  it('outputs the API URL, table name, state machine ARN and usage plan id', () => {
    expect(Object.keys(json.Outputs ?? {})).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'StateMachineArn', 'UsagePlanId', 'BaseUrl']));
    expect(arnText(json.Outputs!.BaseUrl.Value)).toMatch(/^https:\/\/<\w+>\.execute-api\.ap-southeast-3\.<AWS::URLSuffix>\/prod$/);
  });
});
