// The step table (functions/steps/step-table.ts) is how both the stack and local mode find a step: every Task of the
// workflow's definition names a step the table holds, with its handler, and the local runner invokes that handler
// (a step the table lacks fails the task as Lambda answers a function that does not exist).
import { describe, expect, it } from 'vitest';
import { STEP_MODULES } from '../../functions/steps/step-table.ts';
import { localDefinition, localFunctionName, readDefinition, stepFileOfFunction } from '../../functions/adapters/local-workflow/definition.ts';
import { StepInvoker } from '../../functions/adapters/local-workflow/step-invoker.ts';

describe('the step table', () => {
  it('holds a handler for every step a Task of the definition invokes, and no step no Task invokes', () => {
    const invoked = new Set(Object.values(localDefinition(readDefinition()).States)
      .map((state) => state?.Parameters?.FunctionName)
      .filter((name): name is string => typeof name === 'string')
      .map((name) => stepFileOfFunction(name)));
    expect(invoked.has(null)).toBe(false);
    expect([...STEP_MODULES.keys()].sort()).toEqual([...invoked].sort());
    for (const [file, step] of STEP_MODULES) expect(step.handler, file).toBeTypeOf('function');
  });

  it('is what the local runner invokes: the table\'s handler for a step it holds, Lambda.ResourceNotFoundException for one it lacks', async () => {
    const table = new Map([['start-review', async (event: unknown) => ({ started: event })]]);
    const invoker = new StepInvoker(async (file) => table.get(file), {});
    expect(await invoker.invoke(localFunctionName('start-review'), { reportId: 'R1' })).toEqual({ started: { reportId: 'R1' } });
    await expect(invoker.invoke(localFunctionName('record-outcome'), {})).rejects.toMatchObject({ name: 'Lambda.ResourceNotFoundException' });
  });
});
