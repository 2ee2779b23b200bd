// Synthesizes the netra stack for assertion tests (no bundling: the CLI test bundles) and reads its template.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';
import { WORKFLOW_FILE } from '../../infra/constructs/sanction-workflow.ts';
import { buildNetraApp } from '../../infra/netra-app.ts';
import { readNestedTemplate } from '../../infra/netra-stack.ts';
import type { StepModules } from '../../functions/steps/step-table.ts';
import * as notifyBawaslu from './fixtures/steps/notify-bawaslu.ts';
import * as recordOutcome from './fixtures/steps/record-outcome.ts';
import * as requestDecision from './fixtures/steps/request-decision.ts';

/** The example context shipped in cdk.json: the tests prove a fresh clone synthesizes with it. */
export const EXAMPLE_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;

export const FIXTURES = join(PROJECT_ROOT, 'test', 'infra', 'fixtures');
export const FIXTURE_WORKFLOW = {
  definitionFile: join(FIXTURES, 'sanction.asl.json'),
  stepsDir: join(FIXTURES, 'steps'),
  steps: new Map([['notify-bawaslu', notifyBawaslu], ['record-outcome', recordOutcome], ['request-decision', requestDecision]]) as StepModules,
};

/** The real workflow once workflows/sanction.asl.json exists, the fixture until then. */
export const REAL_WORKFLOW_EXISTS = existsSync(join(PROJECT_ROOT, WORKFLOW_FILE));
export const WORKFLOW_UNDER_TEST = REAL_WORKFLOW_EXISTS ? undefined : FIXTURE_WORKFLOW;
export const WORKFLOW_FILE_UNDER_TEST = REAL_WORKFLOW_EXISTS ? join(PROJECT_ROOT, WORKFLOW_FILE) : FIXTURE_WORKFLOW.definitionFile;

export function synthNetra(options: { context?: Record<string, unknown>; workflow?: { definitionFile: string; stepsDir: string; steps?: StepModules } | undefined } = {}) {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'netra-cdk-')),
    // Skip esbuild here; test/infra/cdk-cli.test.ts bundles every function for real.
    context: { ...EXAMPLE_CONTEXT, 'aws:cdk:bundling-stacks': [], ...options.context },
    // CloudFormation schema validation costs seconds per synth; the CLI test runs it.
    builtinCloudFormationValidation: false,
  });
  const stack = buildNetraApp(app, { ...(options.workflow ? { workflow: options.workflow } : {}) });
  // Throws when cdk-nag reports an error (the registered AwsSolutionsChecks plugin runs here).
  const assembly = app.synth();
  const json = assembly.getStackByName(stack.stackName).template;
  const alarmsJson = readNestedTemplate(stack.alarms.stack, assembly.directory) as CfnTemplate & { Parameters?: Record<string, unknown> };
  /** The alarms' nested stack as the parent sees it: its parameters replaced by what the parent passes. */
  const alarmsInParent = inParentTerms(json, logicalIdIn(stack, stack.alarms.stack.nestedStackResource!), alarmsJson);
  // Template.fromJSON also refuses a template with a dependency cycle, which CloudFormation would reject at deploy.
  return { app, stack, json, template: Template.fromJSON(json), alarmsJson, alarmsInParent, alarms: Template.fromJSON(alarmsInParent) };
}

function logicalIdIn(stack: Stack, element: CfnElement): string {
  return stack.resolve(element.logicalId) as string;
}

/** A nested template with each `{ Ref: <parameter> }` replaced by the value the parent gives that parameter, so that
 *  its references read as the parent's logical ids. */
export function inParentTerms(parent: CfnTemplate, nestedStackId: string, nested: CfnTemplate & { Parameters?: Record<string, unknown> }): CfnTemplate {
  const passed = (parent.Resources[nestedStackId]!.Properties.Parameters ?? {}) as Record<string, unknown>;
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (value === null || typeof value !== 'object') return value;
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === 'string' && Object.hasOwn(passed, ref)) return passed[ref];
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
  };
  return { Resources: replace(nested.Resources) as CfnTemplate['Resources'] };
}

export type CfnTemplate = { Resources: Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }>; Outputs?: Record<string, any> };

export function resourcesOfType(json: CfnTemplate, type: string): Array<[string, any]> {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

export interface FoundStatement {
  policy: string;
  actions: string[];
  resources: unknown[];
  statement: any;
}

/** Every IAM statement of every identity policy in the template (inline, attached and managed). */
export function iamStatements(json: CfnTemplate): FoundStatement[] {
  const out: FoundStatement[] = [];
  const add = (policy: string, document: any) => {
    for (const statement of document?.Statement ?? []) {
      out.push({ policy, actions: [statement.Action ?? []].flat(), resources: [statement.Resource ?? []].flat(), statement });
    }
  };
  for (const [id, resource] of Object.entries(json.Resources)) {
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') add(id, resource.Properties.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role') for (const inline of resource.Properties.Policies ?? []) add(id, inline.PolicyDocument);
  }
  return out;
}

/** The literal text of an ARN as far as it is known at synth: tokens become <Ref>, joins are joined. */
export function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(arnText).join(v['Fn::Join'][0]);
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${[v['Fn::GetAtt']].flat().join('.')}>`;
  return JSON.stringify(value);
}
