// Builds netra's CDK app: settings from context, the stack, the workflow when its file exists, and cdk-nag.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from './config.ts';
import { PROJECT_ROOT } from './constructs/netra-function.ts';
import { STEPS_DIR, WORKFLOW_FILE } from './constructs/sanction-workflow.ts';
import { NetraStack, type NetraStackProps } from './netra-stack.ts';

export interface NetraAppOptions {
  /** Another workflow than workflows/sanction.asl.json (the tests use a fixture). */
  workflow?: NetraStackProps['workflow'];
}

export function buildNetraApp(app: App, options: NetraAppOptions = {}): NetraStack {
  const config = loadConfig((key) => app.node.tryGetContext(key));
  const definitionFile = join(PROJECT_ROOT, WORKFLOW_FILE);
  const workflow = options.workflow ?? (existsSync(definitionFile) ? { definitionFile, stepsDir: join(PROJECT_ROOT, STEPS_DIR) } : undefined);

  // The region is fixed (netra:awsRegion, Jakarta by default), whatever the deployer's profile says: the data
  // must stay in Indonesia. The account is not: synth needs no account lookup and works offline, and
  // `cdk deploy` targets the deployer's account.
  const stack = new NetraStack(app, config.stackName, {
    env: { region: config.awsRegion },
    config,
    workflow,
    description: 'netra: ASN neutrality reports, pledge ceremonies and sanction approvals',
  });
  if (!workflow) {
    Annotations.of(stack).addWarningV2('netra:no-workflow', `${WORKFLOW_FILE} is missing: this stack has no sanction state machine.`);
  }
  // Every AwsSolutions finding fails the synth unless acknowledged in code, with its reason, where it arises.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
