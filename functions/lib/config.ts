// Configuration, read once from the environment on first use and checked then: nothing else reads process.env.
import * as z from 'zod/mini';
import { SIGNATURE_LEASE_MS, SIGNATURE_LEASE_WAIT_MS, SIGNATURE_WRITE_WINDOW_MS } from '#support/time-budget';

const arn = z.string().check(z.startsWith('arn:'));
const milliseconds = z.coerce.number().check(z.int(), z.positive());

const Env = z
  .object({
    NETRA_MODE: z.enum(['aws', 'local']),
    TABLE_NAME: z.string().check(z.minLength(1)),
    AWS_REGION: z.string().check(z.minLength(1)),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    /** Local benchmarks only: count DynamoDB round trips and capacity units. */
    NETRA_METER: z._default(z.enum(['on', 'off']), 'off'),
    /** The sanction workflow (AWS: the state machine's ARN; local: the runner needs none). */
    STATE_MACHINE_ARN: z.optional(arn),
    /** The public base of decision links, e.g. https://api.example.go.id/prod. */
    BASE_URL: z.optional(z.url()),
    /** The SES sender of every e-mail. */
    SENDER_EMAIL: z.optional(z.email()),
    /** AWS: the Secrets Manager secret holding the HMAC key of decision links. */
    LINK_SECRET_ARN: z.optional(arn),
    /** AWS: the KMS key that seals reporters' identities (envelope encryption; docs/privacy.md). */
    REPORTER_KEY_ARN: z.optional(arn),
    /** Local: outbox, executions and the local link secret live here. */
    NETRA_DATA_DIR: z.optional(z.string().check(z.minLength(1))),
    /** Local only (the soak): a file through which e-mail sends are made to fail (adapters/outbox/mail-faults.ts). */
    NETRA_LOCAL_FAULTS: z.optional(z.string()),
    /** Local only: multiplies the workflow's Retry intervals (tests; 1 runs the deployed backoff). */
    NETRA_WORKFLOW_TIME_SCALE: z._default(z.coerce.number().check(z.positive(), z.lte(1)), 1),
    /** Where one execution hands over to a fresh one (rounds of a step; seconds since it started): well
     *  before Step Functions' 25,000 events and one year. Tests make them small. */
    NETRA_EXECUTION_MAX_ROUNDS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 200),
    NETRA_EXECUTION_MAX_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(355 * 86400)), 355 * 86400),
    /** Local: webhooks to loopback addresses (a developer's own receiver) are delivered unless this is 0. */
    NETRA_ALLOW_LOOPBACK_WEBHOOKS: z.optional(z.enum(['0', '1'])),
    /** The signature writer's timing (support/time-budget.ts has the defaults; the stack sets them explicitly). */
    NETRA_SIGNATURE_LEASE_MS: z.optional(milliseconds),
    NETRA_SIGNATURE_LEASE_WAIT_MS: z.optional(milliseconds),
    NETRA_SIGNATURE_WRITE_WINDOW_MS: z.optional(milliseconds),
    /** The list indexes the table has, comma-separated (the stack sets it; every one of them when absent). */
    NETRA_LIST_INDEXES: z.optional(z.string().check(z.regex(/^[A-Za-z]*(,[A-Za-z]+)*$/))),
  })
  .check(
    z.refine((env) => env.NETRA_MODE === 'aws' || env.DYNAMODB_ENDPOINT !== undefined, {
      path: ['DYNAMODB_ENDPOINT'],
      message: 'local mode needs the DynamoDB Local endpoint',
    }),
    // In Lambda a loopback request reaches the Runtime API: there is no switch for it.
    z.refine((env) => env.NETRA_MODE === 'local' || env.NETRA_ALLOW_LOOPBACK_WEBHOOKS !== '1', {
      path: ['NETRA_ALLOW_LOOPBACK_WEBHOOKS'],
      message: 'loopback webhooks are for the local stack only',
    }),
  );

export type Config = {
  mode: 'aws' | 'local';
  tableName: string;
  region: string;
  dynamoEndpoint?: string | undefined;
  meter: boolean;
  stateMachineArn?: string | undefined;
  baseUrl?: string | undefined;
  senderEmail?: string | undefined;
  linkSecretArn?: string | undefined;
  reporterKeyArn?: string | undefined;
  dataDir?: string | undefined;
  /** Local only: the soak's e-mail fault file, when given. */
  localFaultsFile?: string | undefined;
  workflowTimeScale: number;
  executionLimits: { maxRounds: number; maxSeconds: number };
  /** Where webhooks may go: loopback only in the local stack (by default), https only in AWS. */
  webhooks: { allowLoopback: boolean; httpsOnly: boolean };
  signatureWriter: { leaseMs: number; leaseWaitMs: number; writeWindowMs: number };
  /** The list indexes the table has (all but while a table made before them gets them, one deploy at a time). */
  listIndexes?: string[] | undefined;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse({ AWS_REGION: env.NETRA_MODE === 'local' ? 'ap-southeast-3' : undefined, ...env });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`netra configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  const local = e.NETRA_MODE === 'local';
  return {
    mode: e.NETRA_MODE,
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    stateMachineArn: e.STATE_MACHINE_ARN,
    // Local mode has defaults that work on one machine; AWS mode has none (workflowConfig says what is missing).
    baseUrl: (e.BASE_URL ?? (local ? 'http://127.0.0.1:3000' : undefined))?.replace(/\/+$/, ''),
    senderEmail: e.SENDER_EMAIL ?? (local ? 'netra@localhost' : undefined),
    linkSecretArn: e.LINK_SECRET_ARN,
    reporterKeyArn: e.REPORTER_KEY_ARN,
    dataDir: e.NETRA_DATA_DIR ?? (local ? '.netra' : undefined),
    localFaultsFile: local ? e.NETRA_LOCAL_FAULTS || undefined : undefined,
    meter: e.NETRA_METER === 'on',
    workflowTimeScale: local ? e.NETRA_WORKFLOW_TIME_SCALE : 1,
    executionLimits: { maxRounds: e.NETRA_EXECUTION_MAX_ROUNDS, maxSeconds: e.NETRA_EXECUTION_MAX_SECONDS },
    webhooks: { allowLoopback: local && e.NETRA_ALLOW_LOOPBACK_WEBHOOKS !== '0', httpsOnly: !local },
    signatureWriter: {
      leaseMs: e.NETRA_SIGNATURE_LEASE_MS ?? SIGNATURE_LEASE_MS,
      leaseWaitMs: e.NETRA_SIGNATURE_LEASE_WAIT_MS ?? SIGNATURE_LEASE_WAIT_MS,
      writeWindowMs: e.NETRA_SIGNATURE_WRITE_WINDOW_MS ?? SIGNATURE_WRITE_WINDOW_MS,
    },
    listIndexes: e.NETRA_LIST_INDEXES?.split(',').filter(Boolean),
  };
}

/** The settings a workflow function needs, or an error naming the missing ones: each function only
 *  fails for what it actually uses (the report API never needs SENDER_EMAIL). */
export function required<K extends keyof Config>(cfg: Config, ...names: K[]): { [P in K]-?: NonNullable<Config[P]> } {
  const envNames: Partial<Record<keyof Config, string>> = {
    stateMachineArn: 'STATE_MACHINE_ARN', baseUrl: 'BASE_URL', senderEmail: 'SENDER_EMAIL',
    linkSecretArn: 'LINK_SECRET_ARN', reporterKeyArn: 'REPORTER_KEY_ARN', dataDir: 'NETRA_DATA_DIR',
  };
  const missing = names.filter((name) => cfg[name] === undefined);
  if (missing.length) {
    throw new Error(`netra configuration is invalid: ${missing.map((name) => envNames[name] ?? name).join(', ')} must be set in ${cfg.mode} mode`);
  }
  return Object.fromEntries(names.map((name) => [name, cfg[name]])) as { [P in K]-?: NonNullable<Config[P]> };
}

let loaded: Config | undefined;
/** The runtime's configuration, read and checked on first use (importing a handler reads nothing) and kept. */
export function config(): Config {
  return (loaded ??= loadConfig(process.env));
}
