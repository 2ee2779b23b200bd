// The AWS adapters of the workflow with their SDK clients stubbed (no AWS is called), the local link
// secret. (The layer rules are dependency-cruiser's: test/infra/layers.test.ts.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ExecutionAlreadyExists, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { sfnWorkflow } from '../../functions/adapters/sfn/workflow.ts';
import { executionName } from '../../functions/domain/executions.ts';
import { sesMailer } from '../../functions/adapters/ses/mailer.ts';
import { fileLinkSecret } from '../../functions/adapters/secrets/link-secret.ts';
import { UnavailableError } from '../../functions/domain/errors.ts';

function stubClient<T>(respond: (command: any) => unknown): T & { sent: any[] } {
  const sent: any[] = [];
  return { sent, send: async (command: any) => { sent.push(command); return respond(command); } } as unknown as T & { sent: any[] };
}

describe('the Step Functions workflow adapter', () => {
  const arn = 'arn:aws:states:ap-southeast-3:123456789012:stateMachine:netra-sanction';

  it('starts one execution named after the report, with a small input', async () => {
    const client = stubClient<SFNClient>(() => ({}));
    await sfnWorkflow({ region: 'ap-southeast-3', stateMachineArn: arn, client }).start({ regionId: '34.02', reportId: 'K66YT3XY4XYBN4WGRWKQKQJ408' });
    const command = client.sent[0] as StartExecutionCommand;
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect(command.input).toEqual({ stateMachineArn: arn, name: 'report-34-02-K66YT3XY4XYBN4WGRWKQKQJ408', input: '{"regionId":"34.02","reportId":"K66YT3XY4XYBN4WGRWKQKQJ408"}' });
    expect(executionName('34.02', 'K66YT3XY4XYBN4WGRWKQKQJ408')).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  it('takes ExecutionAlreadyExists as started, and anything else as unavailable (503)', async () => {
    const exists = stubClient<SFNClient>(() => { throw new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }); });
    await expect(sfnWorkflow({ region: 'x', stateMachineArn: arn, client: exists }).start({ regionId: '34.02', reportId: 'R' })).resolves.toBeUndefined();
    const down = stubClient<SFNClient>(() => { throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }); });
    await expect(sfnWorkflow({ region: 'x', stateMachineArn: arn, client: down }).start({ regionId: '34.02', reportId: 'R' })).rejects.toBeInstanceOf(UnavailableError);
  });

  it('answers false for a token that no longer waits, and sends the output as JSON', async () => {
    const client = stubClient<SFNClient>(() => ({}));
    expect(await sfnWorkflow({ region: 'x', stateMachineArn: arn, client }).sendTaskSuccess('tok', { outcome: 'FORWARD' })).toBe(true);
    expect((client.sent[0] as SendTaskSuccessCommand).input).toEqual({ taskToken: 'tok', output: '{"outcome":"FORWARD"}' });
    const stale = stubClient<SFNClient>(() => { throw new TaskTimedOut({ message: 'timed out', $metadata: {} }); });
    expect(await sfnWorkflow({ region: 'x', stateMachineArn: arn, client: stale }).sendTaskSuccess('tok', {})).toBe(false);
    expect(await sfnWorkflow({ region: 'x', stateMachineArn: arn, client: stale }).sendTaskFailure('tok', 'E', 'c')).toBe(false);
  });
});

describe('the SES mailer', () => {
  it('sends text and HTML in UTF-8 from the configured sender, tagged with what the e-mail is', async () => {
    const client = stubClient<SESv2Client>(() => ({ MessageId: 'm-1' }));
    const result = await sesMailer({ region: 'ap-southeast-3', sender: 'netra@bantulkab.go.id', client }).send({ kind: 'hand-over', to: ['a@b.go.id'], subject: 'Mohon keputusan', text: 'teks', html: '<p>teks</p>' });
    expect(result).toEqual({ id: 'm-1' });
    const command = client.sent[0] as SendEmailCommand;
    expect(command.input).toMatchObject({
      FromEmailAddress: 'netra@bantulkab.go.id',
      Destination: { ToAddresses: ['a@b.go.id'] },
      Content: { Simple: { Subject: { Data: 'Mohon keputusan', Charset: 'UTF-8' }, Body: { Text: { Data: 'teks' }, Html: { Data: '<p>teks</p>' } } } },
      EmailTags: [{ Name: 'kind', Value: 'hand-over' }],
    });
  });

  it('throws on an answer without a MessageId: SES did not confirm it, so the step sends again', async () => {
    const client = stubClient<SESv2Client>(() => ({}));
    await expect(sesMailer({ region: 'ap-southeast-3', sender: 'netra@bantulkab.go.id', client }).send({ kind: 'reminder', to: ['a@b.go.id'], subject: 's', text: 't', html: 'h' }))
      .rejects.toThrow(/not confirmed/);
  });
});

describe('the local link secret', () => {
  it('is made once and kept, so links survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-secret-'));
    const first = await fileLinkSecret(dir)();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await fileLinkSecret(dir)()).toBe(first);
  });
});
