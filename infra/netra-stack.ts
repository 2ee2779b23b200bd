// netra on AWS: the table, one function per route and per workflow step, the API, the sanction state
// machine, the decision-link key, SES sending and the alarms, each function granted only what it needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type NestedStack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { FilterPattern, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ACCESS_JOURNAL_FIELD } from '../functions/adapters/access-journal/log-stream.ts';
import type { Construct } from 'constructs';
import { keys } from '../functions/adapters/dynamodb/keys.ts';
import { indexesWith, TABLE_DESIGN } from '../functions/adapters/dynamodb/table-design.ts';
import { handlerFile, routes as appRoutes, type RouteName } from '../functions/http/routes.ts';
import type { NetraConfig } from './config.ts';
import { NetraAlarms } from './constructs/netra-alarms.ts';
import { NetraApi, type RouteSpec } from './constructs/netra-api.ts';
import { NetraFunction, PROJECT_ROOT } from './constructs/netra-function.ts';
import { BAWASLU_NOTICE_FAILED_STATE, SanctionWorkflow, stateMachineArnFor, WORKFLOW_STEP_FAILED_STATE } from './constructs/sanction-workflow.ts';
import { ACCESS_LOG_WRITER_NEEDS, AUTHORIZER_NEEDS, DIGEST_NEEDS, NATIONAL_DIGEST_NEEDS, RECONCILER_NEEDS, RETENTION_NEEDS, routeNeeds, stepNeeds, type Needs } from './needs.ts';
import type { StepModules } from '../functions/steps/step-table.ts';
import {
  AUTHORIZER_TIMEOUT_SECONDS, ROUTE_TIMEOUT_SECONDS, SIGNATURE_LEASE_MS, SIGNATURE_LEASE_WAIT_MS, SIGNATURE_WRITE_WINDOW_MS, stepTimeoutSeconds,
} from '../functions/support/time-budget.ts';

/** How often the reconciler looks for reports whose workflow is not running (SPEC: every 5 minutes). */
export const RECONCILE_EVERY = Duration.minutes(5);

export interface NetraStackProps extends StackProps {
  config: NetraConfig;
  /** The workflow to deploy (absolute paths); without it the stack has no state machine (see app.ts). */
  workflow?: { definitionFile: string; stepsDir: string; steps?: StepModules } | undefined;
  /** The HTTP routes and their handler files; the tests may pass their own. */
  routes?: Record<string, RouteSpec & { handler: string }>;
}

const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());

/** Every route of functions/http/routes.ts, with its handler file relative to the repository root. */
export function appRouteSpecs(): Record<string, RouteSpec & { handler: string }> {
  return Object.fromEntries(
    Object.entries(appRoutes).map(([name, route]) => [
      name,
      { method: route.method, path: route.path, auth: route.auth, ...('national' in route && route.national ? { national: true } : {}), operationId: route.operationId, handler: `functions/http/${handlerFile(name as RouteName)}` },
    ]),
  );
}

/** A nested stack's template as synthesized (it is an asset file of the assembly, beside the parent's). */
export function readNestedTemplate(nested: NestedStack, assemblyDirectory: string): { Resources: Record<string, { Type: string; Properties?: any }>; Parameters?: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(assemblyDirectory, nested.templateFile), 'utf8'));
}

export class NetraStack extends Stack {
  readonly table: Table;
  readonly api: NetraApi;
  readonly workflow?: SanctionWorkflow;
  readonly alarms: NetraAlarms;
  readonly functions = new Map<string, NetraFunction>();

  constructor(scope: Construct, id: string, props: NetraStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Decision records and idempotency entries carry an expiry; DynamoDB deletes them for free.
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
    });
    // A table made before the list indexes gets them one per deploy (CloudFormation creates one index per update).
    const indexes = indexesWith(config.listIndexes);
    for (const index of indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(typeof index.projection === 'string'
          ? { projectionType: ProjectionType[index.projection] }
          : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
      });
    }

    const linkSecret = new Secret(this, 'LinkSecret', {
      description: 'netra: HMAC key that signs decision links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the link key would invalidate every decision link in flight (they live up to the 14-day deadline); rotate by hand between elections if needed.',
    });

    // Reporters' identities are sealed under this key (envelope encryption, docs/adr/0401): rotated yearly by KMS,
    // kept when the stack goes (sealed identities in the retained table would not open without it).
    const reporterKey = new Key(this, 'ReporterKey', {
      description: 'netra: seals reporters\' identities (data keys per report; region and report as encryption context)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Only for netra's own context: a data key made or opened through these grants names a region and a report.
    const reporterContext = { StringEquals: { 'kms:EncryptionContext:purpose': 'netra-reporter' } };

    const stateMachineName = `${config.stackName}-sanction`;
    const stateMachineArn = stateMachineArnFor(this, stateMachineName);
    const executionArns = this.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const sesIdentityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentity });
    const sesResources = [
      sesIdentityArn,
      ...(config.sesConfigurationSet ? [this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: config.sesConfigurationSet })] : []),
    ];

    const all: NetraFunction[] = [];
    const createFunction = (id: string, entry: string, description: string, needs: Needs, timeout = Duration.seconds(ROUTE_TIMEOUT_SECONDS), memorySize?: number) => {
      const fn = new NetraFunction(this, id, {
        entry,
        description,
        logRetentionDays: config.logRetentionDays,
        timeout,
        ...(memorySize ? { memorySize } : {}),
        // Every function gets the same settings (config.ts parses them all at load); grants stay per function.
        environment: {
          STATE_MACHINE_ARN: stateMachineArn,
          SENDER_EMAIL: config.senderEmail,
          LINK_SECRET_ARN: linkSecret.secretArn,
          REPORTER_KEY_ARN: reporterKey.keyArn,
          // In the template so that test/infra can hold them against the functions' timeouts.
          NETRA_SIGNATURE_LEASE_MS: String(SIGNATURE_LEASE_MS),
          NETRA_SIGNATURE_LEASE_WAIT_MS: String(SIGNATURE_LEASE_WAIT_MS),
          NETRA_SIGNATURE_WRITE_WINDOW_MS: String(SIGNATURE_WRITE_WINDOW_MS),
        },
      });
      fn.bindTable({ table: this.table, access: needs.table, indexes });
      if (needs.appendAccessLog) {
        // The access log's writer: it reads the table and appends here alone.
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: 'AccessLogAppend',
            actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
            resources: [this.table.tableArn],
            conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys.accessLogPartitions] } },
          }),
        );
      }
      if (needs.startExecution) {
        fn.addToRolePolicy(new PolicyStatement({ sid: 'StartWorkflow', actions: ['states:StartExecution'], resources: [stateMachineArn] }));
      }
      if (needs.repairExecution) {
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: 'RepairWorkflow',
            actions: ['states:DescribeExecution', 'states:RedriveExecution'],
            resources: [executionArns],
          }),
        );
        Validations.of(fn.role!).acknowledge({
          // cdk-nag names the region as the template has it: a literal where the stack is pinned (netra:awsRegion).
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region}:<AWS::AccountId>:execution:${stateMachineName}:*]`,
          reason: 'Executions are named per report (report-<region>-<id>[-run]); the grant is limited to the executions of this one state machine.',
        });
      }
      if (needs.resumeExecution) {
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: 'ResumeWorkflow',
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
            resources: [stateMachineArn],
          }),
        );
      }
      if (needs.linkSecret) linkSecret.grantRead(fn);
      if (needs.reporterKey) {
        fn.addToRolePolicy(new PolicyStatement({
          sid: needs.reporterKey === 'seal' ? 'SealReporter' : 'UnsealReporter',
          actions: [needs.reporterKey === 'seal' ? 'kms:GenerateDataKey' : 'kms:Decrypt'],
          resources: [reporterKey.keyArn],
          conditions: reporterContext,
        }));
      }
      if (needs.sendEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: 'SendEmail',
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: sesResources,
            conditions: { StringEquals: { 'ses:FromAddress': config.senderEmail } },
          }),
        );
      }
      if (needs.journalAccessLog) journalling.push(fn);
      this.functions.set(id, fn);
      all.push(fn);
      return fn;
    };
    /** The functions that journal access-log entries in their log (ADR 0404): the writer is subscribed to each. */
    const journalling: NetraFunction[] = [];

    const authorizer = createFunction('Authorizer', 'functions/http/authorizer.ts', 'Region-key authorizer', AUTHORIZER_NEEDS, Duration.seconds(AUTHORIZER_TIMEOUT_SECONDS));
    this.api = new NetraApi(this, 'Http', {
      stackName: config.stackName,
      authorizer,
      regionThrottle: config.regionThrottle,
      apiThrottle: config.apiThrottle,
      publicThrottle: config.publicThrottle,
      logRetentionDays: config.logRetentionDays,
      manageApiGatewayAccount: config.manageApiGatewayAccount,
      customDomain: config.customDomain,
    });

    for (const [name, route] of Object.entries(props.routes ?? appRouteSpecs())) {
      const fn = createFunction(`Route${pascal(name)}`, route.handler, `${route.method} ${route.path}`, routeNeeds(name));
      this.api.addRoute(name, route, fn);
    }
    this.api.closeNationalPlan();

    if (props.workflow) {
      this.workflow = new SanctionWorkflow(this, 'Workflow', {
        ...props.workflow,
        projectRoot: PROJECT_ROOT,
        stateMachineName,
        table: this.table,
        logRetentionDays: config.logRetentionDays,
        createStep: (stepFile, entry) =>
          createFunction(`Step${pascal(stepFile)}`, entry, `Workflow step ${stepFile}`, stepNeeds(stepFile, props.workflow?.steps), Duration.seconds(stepTimeoutSeconds(stepFile))),
      });
    }

    if (this.workflow) {
      // The reconciler: open reports whose execution is not running are redriven or started again.
      const reconciler = createFunction('Reconciler', 'functions/scheduled/reconcile.ts', 'Reconciler: repairs stopped sanction workflows', RECONCILER_NEEDS, Duration.minutes(2));
      const scheduleRole = new Role(this, 'ReconcileScheduleRole', {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
        description: 'netra: lets EventBridge Scheduler invoke the reconciler',
      });
      // The function itself, not its versions (the L2 Lambda target would grant `:*` too).
      scheduleRole.addToPolicy(new PolicyStatement({ sid: 'InvokeReconciler', actions: ['lambda:InvokeFunction'], resources: [reconciler.functionArn] }));
      new CfnSchedule(this, 'ReconcileSchedule', {
        scheduleExpression: `rate(${RECONCILE_EVERY.toMinutes()} minutes)`,
        flexibleTimeWindow: { mode: 'OFF' },
        // A missed run is not retried: the next one, five minutes later, does the same work.
        target: { arn: reconciler.functionArn, roleArn: scheduleRole.roleArn, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 } },
        description: 'netra: runs the reconciler (one bounded run over every region)',
      });
    }

    // Each scheduled job: the L1 schedule with a role of its own, which may invoke exactly that function ($LATEST),
    // no version wildcard; two retries (every job is idempotent).
    const scheduleJob = (name: string, fn: { functionArn: string }, sid: string, when: { expression: string; timeZone?: string; description: string }) => {
      const role = new Role(this, `${name}SchedulerRole`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      role.addToPolicy(new PolicyStatement({ sid, actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
      new CfnSchedule(this, `${name}Schedule`, {
        scheduleExpression: when.expression,
        ...(when.timeZone ? { scheduleExpressionTimezone: when.timeZone } : {}),
        flexibleTimeWindow: { mode: 'OFF' },
        description: when.description,
        target: { arn: fn.functionArn, roleArn: role.roleArn, retryPolicy: { maximumRetryAttempts: 2 } },
      });
    };

    // Bawaslu's daily digest: every hour on the hour; each region's goes out at the first run at or after 07:00
    // in its zone (WIB, WITA and WIT are whole hours), once per day.
    const digest = createFunction('JobDailyDigest', 'functions/scheduled/daily-digest.ts', 'Daily digest to Bawaslu', DIGEST_NEEDS, Duration.minutes(5));
    scheduleJob('DailyDigest', digest, 'InvokeDigest', { expression: 'cron(0 * * * ? *)', description: 'netra: the daily digest to Bawaslu (07:00 in each region\'s zone)' });

    // The national bodies' weekly digest: Mondays 07:00 WIB, once a week per body (its mark makes a retry send only
    // what is unsent).
    const nationalDigest = createFunction('JobNationalDigest', 'functions/scheduled/national-digest.ts', 'Weekly digest to BKN and Bawaslu RI', NATIONAL_DIGEST_NEEDS, Duration.minutes(5));
    scheduleJob('NationalDigest', nationalDigest, 'InvokeNationalDigest', {
      expression: 'cron(0 7 ? * MON *)', timeZone: 'Asia/Jakarta',
      description: 'netra: the weekly digest of overdue recommendations to BKN and Bawaslu RI (Mondays 07:00 WIB)',
    });

    // The retention purge: daily at 02:00 WIB, every region (docs/privacy.md); a run erases nothing twice.
    const retention = createFunction('JobRetention', 'functions/scheduled/retention.ts', 'Retention purge of personal data', RETENTION_NEEDS, Duration.minutes(10));
    scheduleJob('Retention', retention, 'InvokeRetention', {
      expression: 'cron(0 2 * * ? *)', timeZone: 'Asia/Jakarta', description: 'netra: the daily retention purge of personal data past its period (02:00 WIB)',
    });

    // The access log's writer (ADR 0404), fed by a subscription on the log group of every function that journals
    // entries. A delivery it fails is tried twice more, then kept in a queue for 14 days (alarmed); the lines also
    // stay in their log groups for the logs' retention, so nothing is lost unseen.
    const accessLogWriter = createFunction('AccessLogWriter', 'functions/subscribers/write-access-log.ts', 'Access log writer (journal lines to the table)', ACCESS_LOG_WRITER_NEEDS, Duration.seconds(60),
      // A few small writes per delivery, and at netra's volumes one delivery per read: its cold start is most of its
      // cost, and memory multiplies it (bench report-cost prices it).
      128);
    const accessLogDeadLetters = new Queue(this, 'AccessLogDeadLetters', {
      retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true,
    });
    Validations.of(accessLogDeadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'It is the dead-letter queue of the access log writer\'s failed deliveries.' });
    accessLogWriter.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(accessLogDeadLetters) });
    for (const fn of journalling) {
      new SubscriptionFilter(this, `${fn.node.id}AccessJournal`, {
        logGroup: fn.logGroup,
        destination: new LambdaDestination(accessLogWriter, { addPermissions: true }),
        filterPattern: FilterPattern.allTerms(ACCESS_JOURNAL_FIELD),
      });
    }

    // Decision links point at the custom domain, or the API itself; built from the API id, not the stage,
    // so that functions behind the API can hold it without a dependency cycle.
    const baseUrl = config.baseUrl ?? (config.customDomain ? `https://${config.customDomain.domainName}` : this.api.executeApiUrl);
    for (const fn of all) fn.addEnvironment('BASE_URL', baseUrl);

    const alarms = this.alarms = new NetraAlarms(this, 'Alarms', { alarmEmail: config.alarmEmail });
    for (const [id, fn] of this.functions) alarms.watchFunction(id, fn);
    alarms.watchApi(this.api.api);
    alarms.watchPersonalData(config.unusualReadsPerHour, accessLogDeadLetters);
    if (this.workflow) {
      alarms.watchStateMachine(this.workflow.stateMachine);
      alarms.watchBawasluNotices(this.workflow.logGroup, BAWASLU_NOTICE_FAILED_STATE);
      alarms.watchStepFailures(this.workflow.logGroup, WORKFLOW_STEP_FAILED_STATE);
      alarms.watchRepairs();
      alarms.watchFailedNotices();
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'The API base URL' });
    new CfnOutput(this, 'BaseUrl', { value: baseUrl, description: 'The base of decision links in e-mails' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table (the admin command reads it)' });
    new CfnOutput(this, 'UsagePlanId', { value: this.api.usagePlan.usagePlanId, description: 'The per-region usage plan (the admin command adds each region to it)' });
    new CfnOutput(this, 'NationalUsagePlanId', { value: this.api.nationalUsagePlan.usagePlanId, description: 'The national bodies\' usage plan (the admin command adds each body\'s key to it)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe here for alarms' });
    new CfnOutput(this, 'ReporterKeyArn', { value: reporterKey.keyArn, description: 'The KMS key that seals reporters\' identities' });
    new CfnOutput(this, 'LinkSecretArn', { value: linkSecret.secretArn, description: 'The decision-link signing key' });
    if (this.workflow) {
      new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn, description: 'The sanction workflow' });
    }
    if (this.api.domain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.api.domain.domainNameAliasDomainName,
        description: `Point ${config.customDomain?.domainName} here (CNAME or alias)`,
      });
    }
  }
}
