// The trace id on every log line, now that no X-Ray SDK runs in the function: Powertools Logger reads the id Lambda
// sets for each invocation (_X_AMZN_TRACE_ID) and writes it as xray_trace_id, through both handler chains.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

// At the level Lambda runs it (the test setup made a SILENT one), in fresh module instances.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
vi.resetModules();
const { httpHandler } = await import('../../functions/lib/http.ts');
const { stepHandler } = await import('../../functions/lib/step.ts');
const { logger } = await import('../../functions/lib/powertools.ts');

const ROOT = '1-6750a1b2-0123456789abcdef01234567';
const context = { functionName: 'netra-test', awsRequestId: 'req-1', invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:0:function:x', getRemainingTimeInMillis: () => 5000 } as never;

let lines: Record<string, unknown>[];
beforeEach(() => {
  lines = [];
  // Logger writes one JSON object per line to stdout (warnings and errors to stderr).
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
      return true;
    });
  }
  process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env._X_AMZN_TRACE_ID;
});

describe('xray_trace_id', () => {
  it('is on the lines an HTTP handler writes, its error lines included', async () => {
    const route = { operationId: 'probe', method: 'GET', path: '/probe', summary: 'probe', auth: false, successStatus: 200 } as const;
    const handler = httpHandler(route, async () => {
      logger.info('probe answered');
      throw new Error('probe failed');
    });
    const response = await handler({ httpMethod: 'GET', path: '/probe', headers: {}, requestContext: {} } as never, context);
    expect(response.statusCode).toBe(500);
    expect(lines.map((line) => line.message)).toEqual(expect.arrayContaining(['probe answered', 'unhandled error']));
    for (const line of lines.filter((l) => l.message)) expect(line, String(line.message)).toMatchObject({ xray_trace_id: ROOT, function_request_id: 'req-1' });
  });

  it('is on the lines a workflow step writes, and follows the invocation', async () => {
    const step = stepHandler(z.object({ regionId: z.string(), reportId: z.string() }), async () => {
      logger.info('step ran');
      return {};
    });
    await step({ regionId: '34.02', reportId: 'R1' }, context);
    process.env._X_AMZN_TRACE_ID = 'Root=1-6750a1b2-fedcba9876543210fedcba98;Sampled=1';
    // Each invocation ends with the Logger back at its configured level (the tests configure SILENT).
      await step({ regionId: '34.02', reportId: 'R2' }, { ...(context as object), awsRequestId: 'req-2' } as never);
    const ran = lines.filter((line) => line.message === 'step ran');
    expect(ran.map((line) => [line.reportId, line.xray_trace_id])).toEqual([
      ['R1', ROOT],
      ['R2', '1-6750a1b2-fedcba9876543210fedcba98'],
    ]);
  });
});
