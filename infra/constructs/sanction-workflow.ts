// The sanction workflow as deployed: the ASL file from workflows/, its ${...} placeholders filled with the
// step functions it names, and a role that may invoke exactly those functions.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Arn, ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { NetraFunction } from './netra-function.ts';

/** The name of the state the workflow enters when Bawaslu could not be told of a closed report (after its
 *  retries); the alarm on failed notices watches for it. Shared by name with workflows/sanction.asl.json. */
export const BAWASLU_NOTICE_FAILED_STATE = 'BawasluNoticeFailed';
/** The state a step enters after its retries ran out and the timeline recorded it; alarmed, and the reconciler
 *  starts the report again. */
export const WORKFLOW_STEP_FAILED_STATE = 'WorkflowStepFailed';

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;
const FUNCTION_PLACEHOLDER = /^([A-Z][A-Za-z0-9]*)FunctionArn$/;
const TABLE_PLACEHOLDER = 'TableName';

/** Every distinct ${Name} in the ASL text, in order of first appearance. */
export function placeholdersOf(asl: string): string[] {
  return [...new Set([...asl.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** `RequestDecisionFunctionArn` -> `request-decision` (the step's handler file without `.ts`); null for other names. */
export function stepFileOf(placeholder: string): string | null {
  const pascal = FUNCTION_PLACEHOLDER.exec(placeholder)?.[1];
  return pascal ? pascal.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase() : null;
}

type AslState = Record<string, any>;

/** Every state, including those inside Parallel branches and Map iterators. */
export function statesOf(definition: { States?: Record<string, AslState> }): Array<[string, AslState]> {
  const out: Array<[string, AslState]> = [];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    out.push([name, state]);
    for (const branch of state.Branches ?? []) out.push(...statesOf(branch));
    if (state.Iterator) out.push(...statesOf(state.Iterator));
    if (state.ItemProcessor) out.push(...statesOf(state.ItemProcessor));
  }
  return out;
}

const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;
const DYNAMODB_TASK = /^arn:aws:states:::(?:aws-sdk:)?dynamodb:(getItem|putItem|updateItem|deleteItem|query)$/;

/** The DynamoDB actions the state machine itself performs through service integrations (none, usually). */
export function directTableActions(definition: object, file: string): string[] {
  const actions = new Set<string>();
  for (const [name, state] of statesOf(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = String(state.Resource ?? '');
    if (LAMBDA_INVOKE.test(resource) || stepFileOf(resource.replace(/^\$\{|\}$/g, ''))) continue;
    const dynamo = DYNAMODB_TASK.exec(resource);
    if (dynamo) {
      actions.add(`dynamodb:${dynamo[1]![0]!.toUpperCase()}${dynamo[1]!.slice(1)}`);
      continue;
    }
    throw new Error(
      `${file}: state "${name}" uses ${resource}, which the stack does not grant. netra's workflow invokes step ` +
        'functions (arn:aws:states:::lambda:invoke with "FunctionName": "${XxxFunctionArn}") and DynamoDB; add ' +
        'the permission for anything else in infra/constructs/sanction-workflow.ts.',
    );
  }
  return [...actions];
}

export interface SanctionWorkflowProps {
  /** The ASL file (absolute path). */
  definitionFile: string;
  /** Where the step handlers live (absolute path): ${XxxFunctionArn} is <stepsDir>/xxx.ts. */
  stepsDir: string;
  stateMachineName: string;
  table: ITable;
  logRetentionDays: number;
  /** Creates the step function for a handler file (`entry` relative to the repository root). */
  createStep: (stepFile: string, entry: string) => NetraFunction;
  projectRoot: string;
}

export class SanctionWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** The step functions by handler file name (kebab-case, no extension). */
  readonly steps = new Map<string, NetraFunction>();
  /** The placeholders and what fills them, as given to definitionSubstitutions. */
  readonly substitutions: Record<string, string> = {};
  /** The state names of the definition, for alarms that watch one of them. */
  readonly stateNames: string[];

  constructor(scope: Construct, id: string, props: SanctionWorkflowProps) {
    super(scope, id);
    const file = relative(props.projectRoot, props.definitionFile);
    const text = readFileSync(props.definitionFile, 'utf8');
    let definition: object;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    this.stateNames = statesOf(definition).map(([name]) => name);

    for (const placeholder of placeholdersOf(text)) {
      if (placeholder === TABLE_PLACEHOLDER) {
        this.substitutions[placeholder] = props.table.tableName;
        continue;
      }
      const stepFile = stepFileOf(placeholder);
      if (!stepFile) {
        throw new Error(`${file}: unknown placeholder \${${placeholder}}; only \${XxxFunctionArn} (a step in functions/steps/) and \${TableName} are filled`);
      }
      const handler = join(props.stepsDir, `${stepFile}.ts`);
      if (!existsSync(handler)) {
        throw new Error(`${file}: \${${placeholder}} needs the step handler ${relative(props.projectRoot, handler)}, which does not exist`);
      }
      const fn = props.createStep(stepFile, relative(props.projectRoot, handler));
      this.steps.set(stepFile, fn);
      this.substitutions[placeholder] = fn.functionArn;
    }

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetentionDays, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      // Inline (minified), not an S3 asset: the template then shows, and the tests check, what runs.
      definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
      definitionSubstitutions: this.substitutions,
      tracingEnabled: true,
      // Every event, without inputs and outputs: those carry the report, and the reporter's identity must not
      // reach a log line. The timeline in the table is the record of what happened.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Execution logging (logs:*LogDelivery*, logs:PutResourcePolicy, logs:Describe*) and X-Ray tracing have no ' +
        'resource-level permissions; the functions and the table the workflow uses are granted by ARN below.',
    });

    const stepArns = [...this.steps.values()].map((fn) => fn.functionArn);
    if (stepArns.length > 0) {
      // Unqualified ARNs only: the workflow calls $LATEST, so no `:*` version wildcard is needed.
      this.stateMachine.addToRolePolicy(new PolicyStatement({ sid: 'InvokeSteps', actions: ['lambda:InvokeFunction'], resources: stepArns }));
    }
    const tableActions = directTableActions(definition, file);
    if (tableActions.length > 0) {
      this.stateMachine.addToRolePolicy(new PolicyStatement({ sid: 'TableTasks', actions: tableActions, resources: [props.table.tableArn] }));
    }
  }
}

/** The state machine's ARN from its fixed name: functions get it without depending on the resource (no cycle). */
export function stateMachineArnFor(scope: Construct, stateMachineName: string): string {
  return Arn.format({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(scope));
}

/** Where the workflow's definition lives in the repository. */
export const WORKFLOW_FILE = join('workflows', 'sanction.asl.json');
export const STEPS_DIR = join('functions', 'steps');
