// A keyed retry of an accepted report is answered from its idempotency record without reaching the handler;
// this wraps the idempotency middleware to notice that replay and repair the report's workflow at once when
// it is not running (the reconciler would, within its period). The answer itself is left as it is.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Dependencies } from '#ports';
import { repairWorkflow } from '#use-cases/reconcile';

type Middleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

export function repairOnReplay(deps: Pick<Dependencies, 'clock' | 'reports' | 'workflow' | 'log'>, idempotency: Middleware): Middleware {
  return {
    ...idempotency,
    before: async (request) => {
      const replayed = (await idempotency.before?.(request)) as APIGatewayProxyResult | undefined;
      if (replayed?.statusCode === 202) {
        const regionId = (request.event.requestContext?.authorizer as { regionId?: string } | undefined)?.regionId;
        try {
          const { id } = JSON.parse(replayed.body) as { id?: string };
          const found = regionId && id ? await deps.reports.get(regionId, id) : null;
          if (found) await repairWorkflow(deps, found.report);
        } catch (error) {
          // The answer stands; the reconciler repairs it on its next run.
          deps.log.warn('a replayed submission could not repair its workflow now', { error: error as Error });
        }
      }
      return replayed;
    },
  };
}
