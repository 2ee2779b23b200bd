// Configuration, read once from the environment and checked at load: nothing else reads process.env.
import * as z from 'zod';

const Env = z
  .object({
    NETRA_MODE: z.enum(['aws', 'local']),
    TABLE_NAME: z.string().min(1),
    AWS_REGION: z.string().min(1),
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** Local benchmarks only: count DynamoDB round trips and capacity units. */
    NETRA_METER: z.enum(['on', 'off']).default('off'),
  })
  .refine((env) => env.NETRA_MODE === 'aws' || env.DYNAMODB_ENDPOINT !== undefined, {
    path: ['DYNAMODB_ENDPOINT'],
    message: 'local mode needs the DynamoDB Local endpoint',
  });

export type Config = {
  mode: 'aws' | 'local';
  tableName: string;
  region: string;
  dynamoEndpoint?: string | undefined;
  meter: boolean;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse({ AWS_REGION: env.NETRA_MODE === 'local' ? 'ap-southeast-3' : undefined, ...env });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`netra configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  return {
    mode: e.NETRA_MODE,
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    meter: e.NETRA_METER === 'on',
  };
}

export const config: Config = loadConfig(process.env);
