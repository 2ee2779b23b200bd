// Every netra Lambda function: one place fixes the runtime, bundling, tracing, logs and least-privilege grants.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, ApplicationLogLevel, SystemLogLevel, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIST_INDEX_NAMES, TABLE_DESIGN, type IndexDesign } from '../../functions/adapters/dynamodb/table-design.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { routes } from '../../functions/http/routes.ts';
import type { TableAccess } from '../../functions/composition/needs.ts';

/** The repository root: the bundler resolves package.json "imports" (#lib/*, ...) and the lock file from here. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

const OWN_SOURCE_MAP = join(import.meta.dirname, 'own-source-map.ts');

/** In Lambda the SDK's default credential chain always stops at its first link, the environment: every bundle
 *  gets that link alone in place of the chain (~130 KiB of providers and the STS/SSO clients they carry). */
export const LAMBDA_CREDENTIALS = join(PROJECT_ROOT, 'functions', 'composition', 'aws', 'lambda-credentials.ts');

/** What a function may do with the table (its module declares it). */
export type { TableAccess };

// Exact actions, no wildcards: transactions are authorised per item action, and nothing in netra scans.
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The OpenAPI route's handler: its document is built here, at synth time, and shipped as a file beside the bundle
 *  (openapi.json; too large for esbuild's define, which travels on the command line and past 128 KiB fails E2BIG). */
export const OPENAPI_HANDLER = 'functions/http/openapi.ts';

let openApiFile: string | undefined;
/** The document, written once per synth to a file of its own. */
function openApiDocumentFile(): string {
  if (!openApiFile) {
    openApiFile = join(mkdtempSync(join(tmpdir(), 'netra-openapi-')), 'openapi.json');
    writeFileSync(openApiFile, JSON.stringify(buildOpenApi(routes)));
  }
  return openApiFile;
}

/** Identifiers esbuild replaces in this entry's bundle (functions/http/openapi.ts declares the one it reads). */
function definesFor(entry: string): Record<string, string> | undefined {
  return entry === OPENAPI_HANDLER ? { NETRA_OPENAPI_BUNDLED: 'true' } : undefined;
}

/** Files copied beside an entry's bundle. */
function extraFilesFor(entry: string, outputDir: string): string[] {
  return entry === OPENAPI_HANDLER ? [`cp "${openApiDocumentFile()}" "${join(outputDir, 'openapi.json')}"`] : [];
}

export interface NetraFunctionProps {
  /** The handler module, relative to the repository root (it exports `handler`). */
  entry: string;
  description: string;
  logRetentionDays: number;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** The bench only: esbuild's metafile (index.meta.json) beside the bundle, to say which packages fill it. */
  metafile?: boolean;
}

export class NetraFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NetraFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays,
      // Logs outlive a mistaken `cdk destroy`: they are the audit trail of what the functions did.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role without the AWS managed basic-execution policy: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `netra ${id}: ${props.description}`.slice(0, 1000),
    });
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      awsSdkConnectionReuse: false, // SDK v3 reuses connections itself; the variable is a v2 relic.
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        NETRA_MODE: 'aws',
        POWERTOOLS_SERVICE_NAME: 'netra',
        POWERTOOLS_METRICS_NAMESPACE: 'netra',
        ...props.environment,
      },
      bundling: {
        // esbuild from node_modules, never Docker: synth works offline and in seconds.
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        define: definesFor(props.entry),
        metafile: props.metafile ?? false,
        esbuildArgs: {
          '--alias:@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS,
          // `#composition/local` resolves to local-in-lambda.ts (package.json "imports"), so no bundle carries a local
          // adapter; `module` is esbuild's default condition, which naming any condition would otherwise drop.
          '--conditions': 'netra-lambda,module',
        },
        // Some dependencies still call require(); ESM output needs it defined.
        banner: "import { createRequire as __netraCreateRequire } from 'node:module'; const require = __netraCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT, // a linked .map file beside index.mjs
        sourcesContent: false,
        // Node reads and indexes the whole map at every cold start: kept to netra's own code, it is ~17× smaller
        // and init ~7 ms shorter; frames inside libraries show bundle positions (own-source-map.ts).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            `"${process.execPath}" "${OWN_SOURCE_MAP}" "${join(outputDir, 'index.mjs.map')}"`,
            ...extraFilesFor(props.entry, outputDir),
          ],
        },
        // The SDK is bundled at the version the tests ran against, not whatever the runtime ships.
        bundleAwsSDK: true,
      },
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions. ' +
        'test/infra asserts that no table, state machine, SES or PassRole grant uses "*".',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs24.x, the Node version the project installs (npm package node@24) and every test runs on.',
    });
  }

  /** Sets TABLE_NAME and NETRA_LIST_INDEXES (the list indexes the table has) and grants exactly the item actions
   *  `access` needs on the table and its indexes. */
  bindTable({ table, access, indexes = TABLE_DESIGN.globalSecondaryIndexes }: { table: ITable; access: TableAccess; indexes?: readonly IndexDesign[] }): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.addEnvironment('NETRA_LIST_INDEXES', indexes.map((index) => index.indexName).filter((name) => LIST_INDEX_NAMES.includes(name)).join(','));
    if (access === 'none') return this;
    const indexArns = indexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
    this.addToRolePolicy(
      new PolicyStatement({ sid: 'TableRead', effect: Effect.ALLOW, actions: READ_ACTIONS, resources: [table.tableArn, ...indexArns] }),
    );
    if (access === 'readwrite') {
      // Items are written through the table, never through an index.
      this.addToRolePolicy(
        new PolicyStatement({ sid: 'TableWrite', effect: Effect.ALLOW, actions: WRITE_ACTIONS, resources: [table.tableArn] }),
      );
    }
    return this;
  }
}
