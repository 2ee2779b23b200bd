// The Step Functions workflow, for the functions that start or resume executions. A function names what it does
// with executions (start them, resume waiting ones, describe and redrive them), and is granted that alone.
import type { Workflow } from '#ports';
import { sfnWorkflow } from '#adapters/sfn/workflow';
import { required } from '#lib/config';
import { granting, type Factory, type Grant } from '../types.ts';

type ExecutionGrant = Extract<Grant, 'startExecution' | 'resumeExecution' | 'repairExecution'>;

export function stepFunctions(...grants: [ExecutionGrant, ...ExecutionGrant[]]): Factory<Workflow> {
  return granting(grants, (cfg) => sfnWorkflow({ region: cfg.region, stateMachineArn: required(cfg, 'stateMachineArn').stateMachineArn }));
}
