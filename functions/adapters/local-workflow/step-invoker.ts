// A workflow Task's function, invoked as Lambda invokes it: the step handler of its file, a context whose
// remaining time runs down from the deployed timeout, and the task failed as Sandbox.Timedout when it is up.
import { randomBytes } from 'node:crypto';
import { stepTimeoutSeconds } from '#support/time-budget';
import { stepFileOfFunction } from './definition.ts';

export type StepHandler = (event: any, context?: any) => Promise<unknown>;

/** A task's error as Step Functions names it (matched by Retry and Catch by name). */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

export const json = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export class StepInvoker {
  private readonly handlers = new Map<string, Promise<StepHandler>>();

  /** The step's handler by its file name (local mode reads the step table); undefined for a step there is not. */
  private readonly loadHandler: (stepFile: string) => Promise<StepHandler | undefined>;
  /** Step functions' timeouts in seconds by step file, instead of the deployed ones; tests shorten them. */
  functionTimeoutOverrides: Record<string, number>;
  /** Wraps each invocation's handler (the benchmarks time every step); applied at each invocation, so a wrap set
   *  at any time covers every step invoked after it. */
  wrapHandler: ((stepFile: string, handler: StepHandler) => StepHandler) | undefined;

  constructor(loadHandler: (stepFile: string) => Promise<StepHandler | undefined>, functionTimeoutOverrides: Record<string, number>) {
    this.loadHandler = loadHandler;
    this.functionTimeoutOverrides = functionTimeoutOverrides;
  }

  private handler(stepFile: string): Promise<StepHandler> {
    if (!this.handlers.has(stepFile)) {
      const load = this.loadHandler(stepFile).then((handler) => {
        // As Lambda answers an invocation of a function that does not exist.
        if (!handler) throw new TaskError('Lambda.ResourceNotFoundException', `no step ${stepFile} in the step table`);
        return handler;
      });
      this.handlers.set(stepFile, load);
    }
    return this.handlers.get(stepFile)!;
  }

  /** Handlers running now; `drain` waits for them. */
  private readonly running = new Set<Promise<unknown>>();
  private draining = false;

  /** For a stop with Ctrl-C: no handler starts from now on, and the running ones get up to `ms` to end, so a stop
   *  does not cut a step between its send and its mark as a crash does. Resolves with how many had not ended. */
  async drain(ms: number): Promise<number> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return this.running.size;
  }

  async invoke(functionName: unknown, payload: unknown): Promise<unknown> {
    // Stopping: the step never starts here; the next start resumes the execution at this state.
    if (this.draining) return new Promise(() => undefined);
    const stepFile = typeof functionName === 'string' ? stepFileOfFunction(functionName) : null;
    if (!stepFile) throw new TaskError('Lambda.ResourceNotFoundException', `no local step handler for ${String(functionName)}`);
    const loaded = await this.handler(stepFile);
    const handler = this.wrapHandler ? this.wrapHandler(stepFile, loaded) : loaded;
    const name = `netra-${stepFile}`;
    // The deployed function's timeout, not scaled by timeScale (an outage takes the time it takes): the handler
    // sees it run down, as in Lambda, and the task fails when it is up. The interpreter cannot stop a handler as
    // Lambda stops a function, so each one bounds itself within its remaining time (lib/mark-sent.ts).
    const timeoutMs = (this.functionTimeoutOverrides[stepFile] ?? stepTimeoutSeconds(stepFile)) * 1000;
    const deadline = Date.now() + timeoutMs;
    const context = {
      functionName: name, functionVersion: '$LATEST', memoryLimitInMB: '256', awsRequestId: randomBytes(8).toString('hex'),
      invokedFunctionArn: String(functionName), logGroupName: `/aws/lambda/${name}`, logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      // As Step Functions reports a function that ran out of time: a task failure, which its retrier retries.
      timer = setTimeout(() => reject(new TaskError('Sandbox.Timedout', `Task timed out after ${timeoutMs / 1000} seconds`)), timeoutMs);
    });
    const running = handler(json(payload), context);
    this.running.add(running);
    try {
      return json(await Promise.race([running, timedOut]));
    } finally {
      clearTimeout(timer);
      this.running.delete(running);
    }
  }
}
