// List prices used by the cost benchmark: one dated table, each price with its source.
// Region: US East (N. Virginia) list prices, the reference AWS publishes for every service; Asia
// Pacific (Jakarta, ap-southeast-3) prices are at most ~20% higher for these services, which the
// budget (≤ $1.00 per 1,000 reports) leaves room for.

export const PRICES_AS_OF = '2026-11-22';

export const PRICES = {
  stepFunctionsStandardPerTransition: {
    usd: 0.025 / 1000,
    source: 'https://aws.amazon.com/step-functions/pricing/ ($0.025 per 1,000 state transitions)',
  },
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    source: 'https://aws.amazon.com/lambda/pricing/ ($0.20 per 1M requests)',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    source: 'https://aws.amazon.com/lambda/pricing/ (Arm: $0.0000133334 per GB-second, first 7.5B GB-s)',
  },
  dynamoDbWriteRequestUnit: {
    usd: 0.625 / 1_000_000,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ ($0.625 per million write request units)',
  },
  dynamoDbReadRequestUnit: {
    usd: 0.125 / 1_000_000,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ ($0.125 per million read request units)',
  },
  sesEmail: {
    usd: 0.1 / 1000,
    source: 'https://aws.amazon.com/ses/pricing/ ($0.10 per 1,000 outbound e-mails)',
  },
  apiGatewayRestRequest: {
    usd: 3.5 / 1_000_000,
    source: 'https://aws.amazon.com/api-gateway/pricing/ (REST APIs: $3.50 per million, first 333M)',
  },
  secretsManagerApiCall: {
    usd: 0.05 / 10_000,
    source: 'https://aws.amazon.com/secrets-manager/pricing/ ($0.05 per 10,000 API calls)',
  },
} as const satisfies Record<string, { usd: number; source: string }>;

/** Fixed monthly costs that exist whether or not a report is filed (none is a provisioned capacity). */
export const FIXED_MONTHLY = {
  secretsManagerSecret: { usd: 0.4, source: 'https://aws.amazon.com/secrets-manager/pricing/ ($0.40 per secret per month)' },
  cloudWatchAlarm: { usd: 0.1, source: 'https://aws.amazon.com/cloudwatch/pricing/ ($0.10 per standard-resolution alarm metric per month)' },
  kmsKey: { usd: 1, source: 'https://aws.amazon.com/kms/pricing/ ($1 per customer managed key per month)' },
} as const;

export type PriceName = keyof typeof PRICES;
