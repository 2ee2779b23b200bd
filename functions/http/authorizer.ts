// The region-key authorizer: API Gateway (REQUEST type) and the local server both call it.
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '#lib/powertools';
import { dependencies } from '#composition/root';
import { keys } from '#composition/stores/keys';
import { isUnavailable } from '#support/faults';
import { authenticate } from '#use-cases/keys';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { keys } } as const satisfies Needs;
const deps = dependencies(needs);

function header(headers: APIGatewayRequestAuthorizerEvent['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value ?? undefined;
  return undefined;
}

/** Allows every method of the stage, so API Gateway can cache the answer per key. */
function stageWildcard(methodArn: string): string {
  const [arnPrefix, stage] = methodArn.split('/');
  return `${arnPrefix}/${stage}/*`;
}

/** Thrown when the key store cannot answer: API Gateway turns any authorizer error but 'Unauthorized' into its
 *  AUTHORIZER_FAILURE response, which netra's stack makes a 503 problem+json with Retry-After. */
export class KeyStoreUnavailable extends Error {
  constructor(options: { cause: unknown }) {
    super('The key store could not be reached', options);
    this.name = 'KeyStoreUnavailable';
  }
}

export async function authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  let found: Awaited<ReturnType<typeof authenticate>>;
  try {
    found = await authenticate(deps, header(event.headers, 'x-api-key'));
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    logger.warn('key store unavailable', { error: error as Error });
    throw new KeyStoreUnavailable({ cause: error });
  }
  // API Gateway answers 401 for exactly this error message.
  if (!found) throw new Error('Unauthorized');
  const policyDocument: APIGatewayAuthorizerResult['policyDocument'] = {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWildcard(event.methodArn) }],
  };
  // The answer is cached per key for every route, so it tells the kinds apart in its context, and each handler
  // refuses the other kind's key with 403 problem+json (lib/parse-request.ts).
  if ('body' in found) {
    logger.appendKeys({ nationalBody: found.body, keyId: found.keyId });
    // The national bodies' own usage plan (infra/constructs/netra-api.ts), apart from the regions'.
    return { principalId: `national:${found.body}`, policyDocument, context: { nationalBody: found.body, keyId: found.keyId }, usageIdentifierKey: `netra-usage-national-${found.body}` };
  }
  logger.appendKeys({ regionId: found.regionId, keyId: found.keyId });
  return {
    principalId: `region:${found.regionId}`,
    policyDocument,
    context: { regionId: found.regionId, keyId: found.keyId },
    // Per-region throttling: API Gateway meters each region against its own usage-plan key.
    usageIdentifierKey: `netra-usage-region-${found.regionId}`,
  };
}

export const handler = middy(authorize).use(injectLambdaContext(logger, { resetKeys: true }));
