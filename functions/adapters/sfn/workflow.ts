// The workflow in AWS: one Step Functions Standard execution per report, resumed with task tokens.
import {
  ExecutionAlreadyExists, InvalidToken, SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand,
  TaskDoesNotExist, TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { UnavailableError } from '#domain/errors';
import type { Workflow } from '#ports';

/** The execution's name: the same report always gets the same name, so a retried start cannot make two. */
export function executionName(regionId: string, reportId: string): string {
  return `report-${regionId.replaceAll('.', '-')}-${reportId}`;
}

/** A notice execution's name: one per report and webhook event. */
export function noticeExecutionName(regionId: string, reportId: string, event: string): string {
  return `notice-${regionId.replaceAll('.', '-')}-${reportId}-${event.replace(/^report\./, '')}`;
}

function stale(error: unknown): boolean {
  return error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;
}

export function sfnWorkflow(options: { region: string; stateMachineArn: string; client?: SFNClient }): Workflow & { client: SFNClient } {
  const client = options.client ?? new SFNClient({ region: options.region, maxAttempts: 3 });
  return {
    client,
    async start({ regionId, reportId }) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: options.stateMachineArn,
            name: executionName(regionId, reportId),
            input: JSON.stringify({ regionId, reportId }),
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
