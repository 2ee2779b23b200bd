// Bundles functions exactly as `cdk deploy` does: each entry becomes a NetraFunction (the construct every
// deployed function is) in a scratch CDK app, so esbuild runs with the deployed options from their one home,
// infra/constructs/netra-function.ts. Also lists the deployed functions and what each may touch.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NetraFunction, PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';
import { placeholdersOf, stepFileOf, WORKFLOW_FILE } from '../../infra/constructs/sanction-workflow.ts';
import { AUTHORIZER_NEEDS, routeNeeds, stepNeeds, type Needs } from '../../infra/needs.ts';
import { appRouteSpecs } from '../../infra/netra-stack.ts';

export interface DeployedFunction {
  /** `http/submit-report`, `steps/request-decision`: the handler file under functions/, without `.ts`. */
  name: string;
  /** The handler module, relative to the repository root. */
  entry: string;
  needs: Needs;
}

/** Every function the stack deploys: the authorizer, one per route, one per step the workflow names. */
export function deployedFunctions(): DeployedFunction[] {
  const routes = Object.entries(appRouteSpecs()).map(([name, route]) => ({
    name: route.handler.replace(/^functions\//, '').replace(/\.ts$/, ''),
    entry: route.handler,
    needs: routeNeeds(name),
  }));
  const asl = readFileSync(join(PROJECT_ROOT, WORKFLOW_FILE), 'utf8');
  const steps = placeholdersOf(asl)
    .map(stepFileOf)
    .filter((file): file is string => file !== null)
    .map((file) => ({ name: `steps/${file}`, entry: `functions/steps/${file}.ts`, needs: stepNeeds(file) }));
  return [{ name: 'http/authorizer', entry: 'functions/http/authorizer.ts', needs: AUTHORIZER_NEEDS }, ...routes, ...steps];
}

export interface Bundle {
  /** The bundle as Lambda loads it (`index.mjs`, with its `index.mjs.map` beside it). */
  file: string;
  bytes: number;
  mapBytes: number;
  /** Bytes of the bundle by package (`zod/v4/core`, `zod/v4/mini` and `zod/v4/classic` apart; netra's own code as
   *  `netra`), from esbuild's metafile. */
  packages: Record<string, number>;
}

/** The bundle's bytes by the package each input file belongs to. */
function packagesOf(metafile: string): Record<string, number> {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }> };
  const output = Object.values(meta.outputs).find((o) => o.entryPoint)!;
  const bytes: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(v4\/[^/]+)\/)?/.exec(input);
    const name = !pkg ? 'netra' : pkg[1] === 'zod' && pkg[2] ? `zod/${pkg[2]}` : pkg[1]!;
    bytes[name] = (bytes[name] ?? 0) + bytesInOutput;
  }
  return bytes;
}

export interface Bundles {
  bundles: Record<string, Bundle>;
  /** The environment NetraFunction gives every function (NODE_OPTIONS, NETRA_MODE, ...). */
  environment: Record<string, string>;
}

/** Bundles each entry (path relative to the repository root) as a NetraFunction; returns the bundles by key. */
export function bundleLikeDeploy(entries: Record<string, string>, outdir: string): Bundles {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const stack = new Stack(app, 'BenchBundles');
  const functions = Object.entries(entries).map(([key, entry], i) => {
    const fn = new NetraFunction(stack, `Fn${i}`, { entry, description: key, logRetentionDays: 90, metafile: true });
    return [key, stack.getLogicalId(fn.node.defaultChild as CfnFunction)] as const;
  });
  const template = app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, any> };
  const bundles = Object.fromEntries(
    functions.map(([key, logicalId]) => {
      const dir = join(outdir, `asset.${String(template.Resources[logicalId].Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      const file = join(dir, 'index.mjs');
      return [key, { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, packages: packagesOf(join(dir, 'index.meta.json')) }];
    }),
  );
  const environment = template.Resources[functions[0]![1]].Properties.Environment.Variables as Record<string, string>;
  return { bundles, environment };
}

/** The same in a child process, which keeps CDK's bundling chatter (and memory) out of the benchmark's. */
export async function bundleInChild(entries: Record<string, string>, outdir: string): Promise<Bundles> {
  const input = `${outdir}.entries.json`;
  writeFileSync(input, JSON.stringify(entries));
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', import.meta.filename, input, outdir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bundling failed (${code}): ${stderr}`);
  return JSON.parse(stdout);
}

if (process.argv[1] === import.meta.filename) {
  const [input, outdir] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(bundleLikeDeploy(JSON.parse(readFileSync(input!, 'utf8')), outdir!)));
}
