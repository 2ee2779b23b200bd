// The CDK app (`npx cdk synth|deploy`): reads the context, builds the stack, and checks it with cdk-nag.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from './config.ts';
import { PROJECT_ROOT } from './constructs/netra-function.ts';
import { STEPS_DIR, WORKFLOW_FILE } from './constructs/sanction-workflow.ts';
import { NetraStack } from './netra-stack.ts';

const app = new App();
const config = loadConfig((key) => app.node.tryGetContext(key));

const definitionFile = join(PROJECT_ROOT, WORKFLOW_FILE);
const workflow = existsSync(definitionFile) ? { definitionFile, stepsDir: join(PROJECT_ROOT, STEPS_DIR) } : undefined;

// Environment-agnostic on purpose: synth needs no account lookup and works offline; `cdk deploy` uses the
// deployer's account and region.
const stack = new NetraStack(app, config.stackName, {
  config,
  workflow,
  description: 'netra: ASN neutrality reports, pledge ceremonies and sanction approvals',
});
if (!workflow) {
  Annotations.of(stack).addWarningV2('netra:no-workflow', `${WORKFLOW_FILE} is missing: this stack has no sanction state machine.`);
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
