// The workflow in AWS: one live Step Functions Standard execution per report, resumed with task tokens, and
// described, redriven or started afresh by the reconciler.
import {
  DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, ExecutionNotRedrivable, InvalidToken, RedriveExecutionCommand,
  SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { UnavailableError } from '#domain/errors';
import type { Workflow } from '#ports';
import type { ExecutionRef, ExecutionStatus } from '#domain/executions';

/** The execution's name: the same report and run always get the same name, so a retried start cannot make
 *  two. Run 0 (the intake's) has no suffix; a repair or a continuation starts the next run. */
export function executionName(regionId: string, reportId: string, run = 0, appealId?: string): string {
  // An objection's execution (ADR 0303): its own name per appeal and run, apart from the report's runs.
  if (appealId) return `appeal-${regionId.replaceAll('.', '-')}-${reportId}-${appealId}${run > 0 ? `-${run}` : ''}`;
  return `report-${regionId.replaceAll('.', '-')}-${reportId}${run > 0 ? `-${run}` : ''}`;
}

/** The execution's input: an objection's carries its appeal. */
export const executionInput = ({ regionId, reportId, appealId }: ExecutionRef) => ({ regionId, reportId, ...(appealId ? { appealId } : {}) });

/** A notice execution's name: one per report and webhook event (per action for a national action's). */
export function noticeExecutionName(regionId: string, reportId: string, event: string): string {
  return `notice-${regionId.replaceAll('.', '-')}-${reportId}-${event.replace(/^report\./, '').replaceAll(':', '-')}`;
}

/** The run number an execution name carries. */
export function runOf(name: string): number {
  const match = /^report-[0-9-]+-[0-9A-Z]{26}-(\d+)$/.exec(name) ?? /^report-.+?-[^-]+-(\d+)$/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** The definition's own Fail states: an execution that ended in one was caught and recorded, and redriving it
 *  would only enter the same Fail state again, so the reconciler starts a fresh execution instead. */
export const DELIBERATE_FAILURES = new Set(['WorkflowStepFailed', 'BawasluNoticeFailed', 'UnexpectedOutcome']);

function stale(error: unknown): boolean {
  return error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;
}

export function sfnWorkflow(options: { region: string; stateMachineArn: string; client?: SFNClient }): Workflow & { client: SFNClient } {
  const client = options.client ?? new SFNClient({ region: options.region, maxAttempts: 3 });
  // arn:aws:states:<region>:<account>:stateMachine:<name> -> arn:aws:states:<region>:<account>:execution:<name>:<execution>
  const executionArn = ({ regionId, reportId, run, appealId }: ExecutionRef) =>
    `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName(regionId, reportId, run ?? 0, appealId)}`;
  return {
    client,
    async start(ref) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: options.stateMachineArn,
            name: executionName(ref.regionId, ref.reportId, ref.run ?? 0, ref.appealId),
            input: JSON.stringify(executionInput(ref)),
          }),
        );
      } catch (error) {
        // Same name and input is idempotent in Step Functions; a name used with other input is already ours too.
        if (error instanceof ExecutionAlreadyExists) return;
        throw new UnavailableError('the sanction workflow could not be started', { cause: error });
      }
    },
    async startNotice({ regionId, reportId, event }) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: options.stateMachineArn,
            name: noticeExecutionName(regionId, reportId, event),
            input: JSON.stringify({ regionId, reportId, notice: event }),
          }),
        );
      } catch (error) {
        if (error instanceof ExecutionAlreadyExists) return;
        throw new UnavailableError('the notice could not be started', { cause: error });
      }
    },
    async describe(ref): Promise<ExecutionStatus> {
      try {
        const found = await client.send(new DescribeExecutionCommand({ executionArn: executionArn(ref) }));
        // PENDING_REDRIVE: a redrive was accepted and is about to run.
        const state = (found.status === 'PENDING_REDRIVE' ? 'RUNNING' : found.status ?? 'RUNNING') as ExecutionStatus['state'];
        const redrivable = found.redriveStatus === 'REDRIVABLE' && !DELIBERATE_FAILURES.has(found.error ?? '');
        return { state, redrivable, error: found.error };
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return { state: 'NONE', redrivable: false };
        throw new UnavailableError('the sanction workflow could not be described', { cause: error });
      }
    },
    async redrive(ref) {
      try {
        await client.send(new RedriveExecutionCommand({ executionArn: executionArn(ref), clientToken: `${executionName(ref.regionId, ref.reportId, ref.run ?? 0, ref.appealId)}-${Date.now()}`.slice(0, 64) }));
      } catch (error) {
        // Redriven meanwhile by another run of the reconciler: it is running again.
        if (error instanceof ExecutionNotRedrivable) return;
        throw new UnavailableError('the sanction workflow could not be redriven', { cause: error });
      }
    },
    async sendTaskSuccess(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
        return true;
      } catch (error) {
        if (stale(error)) return false;
        throw error;
      }
    },
    async sendTaskFailure(taskToken, error, cause) {
      try {
        await client.send(new SendTaskFailureCommand({ taskToken, error, cause }));
        return true;
      } catch (failure) {
        if (stale(failure)) return false;
        throw failure;
      }
    },
  };
}
