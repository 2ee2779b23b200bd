// How the stack reads an ASL file: placeholders, step handler files, and the integrations it can grant.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  directTableActions, placeholdersOf, statesOf, stepFileOf,
} from '../../infra/constructs/sanction-workflow.ts';
import { FIXTURE_WORKFLOW, synthNetra } from './support.ts';

describe('the placeholder convention', () => {
  it('maps ${XxxFunctionArn} to the kebab-case step handler, and nothing else', () => {
    expect(stepFileOf('RequestDecisionFunctionArn')).toBe('request-decision');
    expect(stepFileOf('NotifyBawasluFunctionArn')).toBe('notify-bawaslu');
    expect(stepFileOf('TableName')).toBeNull();
    expect(stepFileOf('FunctionArn')).toBeNull();
  });

  it('lists each placeholder once', () => {
    expect(placeholdersOf('{"a":"${AFunctionArn}","b":"${TableName}","c":"${AFunctionArn}","d":"$.x"}')).toEqual(['AFunctionArn', 'TableName']);
  });

  it('walks Parallel branches and Map iterators', () => {
    const definition = {
      States: {
        P: { Type: 'Parallel', Branches: [{ States: { A: { Type: 'Pass' } } }] },
        M: { Type: 'Map', ItemProcessor: { States: { B: { Type: 'Pass' } } } },
        L: { Type: 'Map', Iterator: { States: { C: { Type: 'Pass' } } } },
      },
    };
    expect(statesOf(definition).map(([name]) => name)).toEqual(['P', 'A', 'M', 'B', 'L', 'C']);
  });

  it('grants the DynamoDB tasks a definition uses, and refuses an integration it cannot scope', () => {
    const task = (Resource: string) => ({ States: { T: { Type: 'Task', Resource } } });
    expect(directTableActions(task('arn:aws:states:::dynamodb:updateItem'), 'f')).toEqual(['dynamodb:UpdateItem']);
    expect(directTableActions(task('arn:aws:states:::lambda:invoke.waitForTaskToken'), 'f')).toEqual([]);
    expect(() => directTableActions(task('arn:aws:states:::sns:publish'), 'wf.json')).toThrow(/wf\.json: state "T" uses arn:aws:states:::sns:publish/);
  });
});

describe('a workflow file that breaks the convention', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-asl-'));
    const definitionFile = join(dir, 'sanction.asl.json');
    writeFileSync(definitionFile, text);
    return { definitionFile, stepsDir: FIXTURE_WORKFLOW.stepsDir };
  };
  const machine = (resource: string) => JSON.stringify({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: resource }, End: true } },
  });

  it('fails the synth naming a step handler that does not exist', () => {
    expect(() => synthNetra({ workflow: write(machine('${SendSmsFunctionArn}')) })).toThrow(/\$\{SendSmsFunctionArn\} needs the step handler .*send-sms\.ts, which does not exist/);
  });

  it('fails the synth on an unknown placeholder', () => {
    expect(() => synthNetra({ workflow: write(machine('${SomethingElse}')) })).toThrow(/unknown placeholder \$\{SomethingElse\}/);
  });

  it('fails the synth on a file that is not JSON', () => {
    expect(() => synthNetra({ workflow: write('{"StartAt": ') })).toThrow(/is not valid JSON/);
  });
});

describe('the fixture workflow', () => {
  it('lets the state machine update the table directly where the definition says so, and nothing more', () => {
    const { json, stack } = synthNetra({ workflow: FIXTURE_WORKFLOW });
    const roleId = stack.getLogicalId(stack.workflow!.stateMachine.role.node.defaultChild as any);
    const policies = Object.values(json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === roleId));
    const dynamo = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([expect.objectContaining({ Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': [stack.getLogicalId(stack.table.node.defaultChild as any), 'Arn'] } })]);
  });
});
