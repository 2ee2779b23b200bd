// List prices used by the cost benchmark: one dated table per region, each price with its source.
// netra is deployed in Asia Pacific (Jakarta), ap-southeast-3: Indonesian public-sector systems keep their data
// in Indonesia (PP 71/2019, Art. 20), and Lambda, Step Functions, DynamoDB, SES, API Gateway and Secrets Manager
// all run there. US East (N. Virginia), the region AWS's pricing pages quote first, is beside it for comparison.
//
// How the Jakarta prices were got: the stored copies of AWS's pricing pages give US East prices, and regional
// tables only where a page prints them in its text (Step Functions: Singapore, Tokyo and Sydney at US East's
// $0.0250 per 1,000 transitions, Seoul $0.0271, Mumbai $0.0285; Jakarta's row is not in the stored text; the
// other services' regional prices are loaded by the pages' scripts and are not stored at all). So every Jakarta
// price here is US East's × JAKARTA_UPLIFT, 1.14: the largest premium over US East that the stored pages show for
// an Asia Pacific region (Mumbai's Step Functions), an estimate on the dear side. To replace them with Jakarta's own, ask
// the AWS Price List API (it needs an AWS account, so the benchmark does not), e.g.
//   aws pricing get-products --region us-east-1 --service-code AWSLambda \
//     --filters Type=TERM_MATCH,Field=regionCode,Value=ap-southeast-3
// (service codes AmazonStates, AWSLambda, AmazonDynamoDB, AmazonSES, AmazonApiGateway, AWSSecretsManager,
// AmazonCloudWatch, awskms), and set each entry's usd and source.

export const PRICES_AS_OF = '2026-12-01';

export type PriceRegion = 'ap-southeast-3' | 'us-east-1';
/** Where netra runs (infra/app.ts deploys there); the cost figures are reported for both regions. */
export const DEPLOY_REGION: PriceRegion = 'ap-southeast-3';
export const REGION_NAMES: Record<PriceRegion, string> = { 'ap-southeast-3': 'Asia Pacific (Jakarta)', 'us-east-1': 'US East (N. Virginia)' };

/** Jakarta = US East × this, until replaced by Jakarta's own list prices (see above). */
export const JAKARTA_UPLIFT = 1.14;

interface Price {
  usd: number;
  source: string;
}

const US_EAST = {
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
  kmsRequest: {
    usd: 0.03 / 10_000,
    source: 'https://aws.amazon.com/kms/pricing/ ($0.03 per 10,000 symmetric requests: GenerateDataKey, Decrypt)',
  },
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (Logs, Standard: $0.50 per GB collected)',
  },
  secretsManagerApiCall: {
    usd: 0.05 / 10_000,
    source: 'https://aws.amazon.com/secrets-manager/pricing/ ($0.05 per 10,000 API calls)',
  },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof US_EAST;

/** Fixed monthly costs that exist whether or not a report is filed (none is a provisioned capacity). */
const US_EAST_FIXED = {
  secretsManagerSecret: { usd: 0.4, source: 'https://aws.amazon.com/secrets-manager/pricing/ ($0.40 per secret per month)' },
  cloudWatchAlarm: { usd: 0.1, source: 'https://aws.amazon.com/cloudwatch/pricing/ ($0.10 per standard-resolution alarm metric per month)' },
  kmsKey: { usd: 1, source: 'https://aws.amazon.com/kms/pricing/ ($1 per customer managed key per month)' },
} as const satisfies Record<string, Price>;

type FixedName = keyof typeof US_EAST_FIXED;

function uplifted<K extends string>(prices: Record<K, Price>): Record<K, Price> {
  return Object.fromEntries(
    Object.entries<Price>(prices).map(([name, price]) => [
      name,
      { usd: price.usd * JAKARTA_UPLIFT, source: `US East × ${JAKARTA_UPLIFT} (an estimate, see bench/prices.ts); US East: ${price.source}` },
    ]),
  ) as Record<K, Price>;
}

export const PRICES: Record<PriceRegion, Record<PriceName, Price>> = { 'us-east-1': US_EAST, 'ap-southeast-3': uplifted(US_EAST) };
export const FIXED_MONTHLY: Record<PriceRegion, Record<FixedName, Price>> = { 'us-east-1': US_EAST_FIXED, 'ap-southeast-3': uplifted(US_EAST_FIXED) };
