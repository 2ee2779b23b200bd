// The deployment's settings, read from CDK context (cdk.json or `-c key=value`) and checked at synth.
import * as z from 'zod';
import { LIST_INDEX_NAMES } from '../functions/adapters/dynamodb/table-design.ts';
import { DISTINCT_READS_CAP } from '../functions/domain/personal-data.ts';

/** The CDK context keys netra reads; docs/deploy.md documents each one. */
export const CONTEXT_KEYS = {
  stackName: 'netra:stackName',
  awsRegion: 'netra:awsRegion',
  senderEmail: 'netra:senderEmail',
  sesIdentity: 'netra:sesIdentity',
  sesConfigurationSet: 'netra:sesConfigurationSet',
  baseUrl: 'netra:baseUrl',
  alarmEmail: 'netra:alarmEmail',
  domainName: 'netra:domainName',
  certificateArn: 'netra:certificateArn',
  regionRateLimit: 'netra:regionRateLimit',
  regionBurstLimit: 'netra:regionBurstLimit',
  apiRateLimit: 'netra:apiRateLimit',
  apiBurstLimit: 'netra:apiBurstLimit',
  publicRateLimit: 'netra:publicRateLimit',
  publicBurstLimit: 'netra:publicBurstLimit',
  logRetentionDays: 'netra:logRetentionDays',
  manageApiGatewayAccount: 'netra:manageApiGatewayAccount',
  listIndexes: 'netra:listIndexes',
  unusualReadsPerHour: 'netra:unusualReadsPerHour',
} as const;

// The retention periods CloudWatch Logs accepts.
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

// `-c key=value` always arrives as a string, cdk.json as JSON: both are accepted.
const number = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const blankAsMissing = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsMissing, schema.optional());

const Context = z
  .object({
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'letters, digits and hyphens, starting with a letter').default('Netra'),
    // Jakarta: Indonesian public-sector data stays in Indonesia (PP 71/2019, Art. 20).
    awsRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region code such as ap-southeast-3').default('ap-southeast-3'),
    senderEmail: z.email('must be the e-mail address netra sends from, e.g. netra@bkpp.example.go.id'),
    sesIdentity: optional(z.string().regex(/^([^@\s]+@)?[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be the verified SES identity: the sender address or its domain')),
    sesConfigurationSet: optional(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name')),
    baseUrl: optional(
      z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).refine((url) => !url.endsWith('/'), 'must not end with a slash'),
    ),
    alarmEmail: optional(z.email('must be an e-mail address that receives the alarms')),
    domainName: optional(z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'must be a host name such as netra.example.go.id')),
    certificateArn: optional(z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, 'must be an ACM certificate ARN')),
    regionRateLimit: number(1, 10_000).default(10),
    regionBurstLimit: number(1, 5_000).default(20),
    apiRateLimit: number(1, 10_000).default(50),
    apiBurstLimit: number(1, 5_000).default(100),
    publicRateLimit: number(1, 1_000).default(5),
    publicBurstLimit: number(1, 1_000).default(10),
    logRetentionDays: z.coerce
      .number()
      .refine((days) => RETENTION_DAYS.includes(days), `must be one of ${RETENTION_DAYS.join(', ')}`)
      .default(90),
    manageApiGatewayAccount: flag.default(true),
    listIndexes: number(0, LIST_INDEX_NAMES.length).default(LIST_INDEX_NAMES.length),
    // Below the cap of the hourly count it alarms on (the count stops there).
    unusualReadsPerHour: number(1, DISTINCT_READS_CAP - 1).default(100),
  })
  .superRefine((c, ctx) => {
    if ((c.domainName === undefined) !== (c.certificateArn === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['certificateArn'], message: `a custom domain needs both ${CONTEXT_KEYS.domainName} and ${CONTEXT_KEYS.certificateArn}` });
    }
    const identity = c.sesIdentity;
    if (identity && identity !== c.senderEmail && !c.senderEmail.toLowerCase().endsWith(`@${identity.toLowerCase()}`)) {
      ctx.addIssue({ code: 'custom', path: ['sesIdentity'], message: `must be ${c.senderEmail} or its domain, so SES lets netra send from it` });
    }
    if (c.regionRateLimit > c.apiRateLimit) {
      ctx.addIssue({ code: 'custom', path: ['regionRateLimit'], message: `must not exceed ${CONTEXT_KEYS.apiRateLimit} (${c.apiRateLimit})` });
    }
  });

export interface NetraConfig {
  stackName: string;
  /** The AWS region the stack deploys to (Asia Pacific (Jakarta) unless set otherwise). */
  awsRegion: string;
  senderEmail: string;
  /** The SES identity sending is scoped to: the sender address itself, or its verified domain. */
  sesIdentity: string;
  sesConfigurationSet?: string | undefined;
  /** The public base of decision links; undefined means the custom domain or, failing that, the API's own URL. */
  baseUrl?: string | undefined;
  alarmEmail?: string | undefined;
  customDomain?: { domainName: string; certificateArn: string } | undefined;
  /** Requests per second (and burst) that one region's key may make. */
  regionThrottle: { rateLimit: number; burstLimit: number };
  /** Requests per second (and burst) for the whole API, the ceiling over every region and the public pages. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Requests per second (and burst) for each public route (tracking, decision pages, OpenAPI, health), all callers together. */
  publicThrottle: { rateLimit: number; burstLimit: number };
  logRetentionDays: number;
  /** Whether this stack sets the account's API Gateway CloudWatch role (needed once per account and region for API logs). */
  manageApiGatewayAccount: boolean;
  /** How many of the list indexes the table has (all, unless a table made before them is getting them one
   *  deploy at a time); lists whose index is not there yet use filter expressions. */
  listIndexes: number;
  /** The unusual-reads alarm fires when one API key reads more distinct reports than this in an hour. */
  unusualReadsPerHour: number;
}

/** Reads the settings through `read` (a construct's `node.tryGetContext`); throws one message naming every bad key. */
export function loadConfig(read: (key: string) => unknown): NetraConfig {
  const raw = Object.fromEntries(Object.entries(CONTEXT_KEYS).map(([field, key]) => [field, read(key)]));
  const parsed = Context.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '') as keyof typeof CONTEXT_KEYS;
      const key = CONTEXT_KEYS[field] ?? field;
      const got = raw[field] === undefined || raw[field] === '' ? 'missing' : `got ${JSON.stringify(raw[field])}`;
      return `  - ${key}: ${issue.message} (${got})`;
    });
    throw new Error(
      `netra: the CDK context is invalid:\n${lines.join('\n')}\n` +
        'Set these keys under "context" in cdk.json or pass them as -c key=value (see docs/deploy.md, "Settings").',
    );
  }
  const c = parsed.data;
  return {
    stackName: c.stackName,
    awsRegion: c.awsRegion,
    senderEmail: c.senderEmail,
    sesIdentity: c.sesIdentity ?? c.senderEmail,
    sesConfigurationSet: c.sesConfigurationSet,
    baseUrl: c.baseUrl,
    alarmEmail: c.alarmEmail,
    customDomain: c.domainName && c.certificateArn ? { domainName: c.domainName, certificateArn: c.certificateArn } : undefined,
    regionThrottle: { rateLimit: c.regionRateLimit, burstLimit: c.regionBurstLimit },
    apiThrottle: { rateLimit: c.apiRateLimit, burstLimit: c.apiBurstLimit },
    publicThrottle: { rateLimit: c.publicRateLimit, burstLimit: c.publicBurstLimit },
    logRetentionDays: c.logRetentionDays,
    manageApiGatewayAccount: c.manageApiGatewayAccount,
    listIndexes: c.listIndexes,
    unusualReadsPerHour: c.unusualReadsPerHour,
  };
}
