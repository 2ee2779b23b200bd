// The Step Functions workflow, for the functions that start or resume executions.
import type { Workflow } from '#ports';
import { sfnWorkflow } from '#adapters/sfn/workflow';
import { required, type Config } from '../config.ts';

export function stepFunctions(cfg: Config): Workflow {
  return sfnWorkflow({ region: cfg.region, stateMachineArn: required(cfg, 'stateMachineArn').stateMachineArn });
}
