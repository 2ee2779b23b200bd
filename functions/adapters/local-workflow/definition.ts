// The workflow definition as the local runner runs it: the deployed ASL file with its placeholders bound to
// local step handlers, and ONE adaptation, documented in the README and checked by test/workflow/definition.test.ts.
import { readFileSync } from 'node:fs';

export const ASL_FILE = new URL('../../../workflows/sanction.asl.json', import.meta.url);

/** Wait tasks' timeouts can be far longer than Node's timers (24.8 days) and must survive restarts, so the
 *  runner enforces them itself from the Payload's absolute `until`; the interpreter's own timer is only a
 *  ceiling, set above any wait the runner leaves running in one go. */
export const WAIT_TIMEOUT_CEILING_SECONDS = 20 * 86400;

const PLACEHOLDER = /^\$\{([A-Za-z]+)FunctionArn\}$/;
const LOCAL_ARN_PREFIX = 'arn:aws:lambda:ap-southeast-3:000000000000:function:netra-local-';

export type Definition = { StartAt: string; States: Record<string, any>; [key: string]: unknown };

export function readDefinition(): Definition {
  return JSON.parse(readFileSync(ASL_FILE, 'utf8'));
}

/** The step handler file (kebab-case, under functions/steps) that a `${XxxFunctionArn}` placeholder names. */
export function stepFileOf(placeholderName: string): string {
  return placeholderName.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The local function name bound to a step handler, and back. */
export const localFunctionName = (stepFile: string) => `${LOCAL_ARN_PREFIX}${stepFile}`;
export function stepFileOfFunction(functionName: string): string | null {
  return functionName.startsWith(LOCAL_ARN_PREFIX) ? functionName.slice(LOCAL_ARN_PREFIX.length) : null;
}

export function isWaitTask(state: any): boolean {
  return state?.Type === 'Task' && String(state.Resource).endsWith('.waitForTaskToken');
}

/** Binds every `${XxxFunctionArn}` to its local step handler and applies the one adaptation. */
export function localDefinition(deployed: Definition, ceilingSeconds = WAIT_TIMEOUT_CEILING_SECONDS): Definition {
  const copy: Definition = structuredClone(deployed);
  for (const state of Object.values(copy.States)) {
    const functionName = state?.Parameters?.FunctionName;
    const match = typeof functionName === 'string' ? PLACEHOLDER.exec(functionName) : null;
    if (match) state.Parameters.FunctionName = localFunctionName(stepFileOf(match[1]!));
    if (isWaitTask(state)) {
      delete state.TimeoutSecondsPath;
      state.TimeoutSeconds = ceilingSeconds;
    }
  }
  return copy;
}

/** The definition with every Retry interval and MaxDelaySeconds multiplied by `scale`: the same retriers,
 *  attempts and backoff shape in a fraction of the time (tests). Scale 1 is the definition itself. */
export function scaleRetries(definition: Definition, scale: number): Definition {
  if (scale === 1) return definition;
  const copy: Definition = structuredClone(definition);
  for (const state of Object.values(copy.States)) {
    for (const retrier of state?.Retry ?? []) {
      // A retrier of no attempts (a permanent error, never retried) has no interval to scale.
      if (retrier.MaxAttempts === 0) continue;
      retrier.IntervalSeconds = (retrier.IntervalSeconds ?? 1) * scale;
      if (retrier.MaxDelaySeconds !== undefined) retrier.MaxDelaySeconds *= scale;
    }
  }
  return copy;
}
