// The access log's writer (ADR 0404): CloudWatch Logs hands it the journal lines of the functions that answer a named
// person (a subscription filter on each of their log groups); it writes them to the table, each kept for its
// region's retention.accessLog, and emits each key's distinct reads of the hour for the UnusualReads alarm. A batch
// that fails throws: Lambda tries the delivery again, twice, then puts it in the dead-letter queue (alarmed).
import { gunzipSync } from 'node:zlib';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { dependencies } from '#composition/root';
import { accessLogWriter } from '#composition/stores/access-log';
import { directory } from '#composition/stores/directory';
import { journalValueOf } from '#adapters/access-journal/log-stream';
import { writeJournalled } from '#lib/access-log';
import { logger, metrics } from '#lib/powertools';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { accessLogWriter, directory } } as const satisfies Needs;
const deps = dependencies(needs);

/** A CloudWatch Logs subscription's delivery: base64 of gzipped JSON. */
interface LogsEvent {
  awslogs: { data: string };
}

/** The journal values of one delivery (a control message, sent when the subscription is made, carries none). */
export function journalValuesOf(event: LogsEvent): unknown[] {
  const delivery = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as {
    messageType: string; logEvents?: { message: string }[];
  };
  if (delivery.messageType !== 'DATA_MESSAGE') return [];
  return (delivery.logEvents ?? []).map((logEvent) => journalValueOf(logEvent.message)).filter((value) => value !== undefined);
}

export const handler = middy<LogsEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const written = await writeJournalled(deps, journalValuesOf(event));
    logger.info('access log entries written', { written });
  });
