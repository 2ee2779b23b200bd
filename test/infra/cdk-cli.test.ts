// The path a new user takes: `npx cdk synth` with cdk.json as shipped, offline, bundling every function with
// the local esbuild; then one bundle is loaded and called, to prove the bundles run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { routes } from '../../functions/http/routes.ts';

const bin = join(PROJECT_ROOT, 'node_modules', '.bin');

describe('npx cdk synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'netra-cdk-out-'));
  let template: { Resources: Record<string, any> };

  it('synthesizes offline with the example context and no unacknowledged cdk-nag finding', () => {
    const env: Record<string, string | undefined> = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CDK_DISABLE_VERSION_CHECK: '1' };
    // No credentials and no region: synth must not need an account.
    for (const name of Object.keys(env)) if (/^AWS_|^CDK_DEFAULT_/.test(name)) delete env[name];
    const run = spawnSync(join(bin, 'cdk'), ['synth', '--quiet', '--output', outdir], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 400_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).not.toMatch(/\bERROR\b|AwsSolutions-|Template validation found issues/);
    template = JSON.parse(readFileSync(join(outdir, 'Netra.template.json'), 'utf8'));
    expect(Object.values(template.Resources).some((r: any) => r.Type === 'AWS::ApiGateway::RestApi')).toBe(true);
    // The alarms' nested stack (docs/adr/0120) is written beside it, an asset `cdk deploy` uploads with the code.
    const nested = readdirSync(outdir).filter((file) => file.endsWith('.nested.template.json'));
    expect(nested).toHaveLength(1);
    const alarms = Object.values(JSON.parse(readFileSync(join(outdir, nested[0]!), 'utf8')).Resources) as Array<{ Type: string }>;
    expect(alarms.length).toBeGreaterThan(100);
    expect(alarms.filter((r) => r.Type !== 'AWS::CloudWatch::Alarm')).toEqual([]);
  }, 420_000);

  it('bundles handlers that load and answer on Node 24 (the health route, against DynamoDB Local)', () => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    const [, health] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('RouteHealth'))!;
    const assetDir = join(outdir, `asset.${health.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code).toMatch(/sourceMappingURL=index\.mjs\.map\s*$/);
    // Local mode's runner (which reads the ASL file) stays out of Lambda bundles.
    expect(code).not.toContain('sanction.asl.json');

    const script = `
      const { handler } = await import(${JSON.stringify(join(assetDir, 'index.mjs'))});
      const event = { httpMethod: 'GET', path: '/health', resource: '/health', headers: {}, requestContext: {}, body: null, isBase64Encoded: false };
      const context = { functionName: 'health', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10000 };
      console.log(JSON.stringify(await handler(event, context)));`;
    const run = spawnSync(join(bin, 'node'), ['--input-type=module', '-e', script], {
      // AWS mode, as in Lambda, with only the endpoint pointed at DynamoDB Local.
      env: {
        ...process.env, NETRA_MODE: 'aws', DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), AWS_REGION: 'ap-southeast-3',
        AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  }, 90_000);

  /** Every function's bundle, by logical id. */
  const bundles = () =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id, r]) => [id, readFileSync(join(outdir, `asset.${r.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8')] as const);

  it('no bundle carries the X-Ray SDK, nor the credential providers Lambda never reaches', () => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((path) => /aws-xray-sdk|powertools\/tracer|cls-hooked/.test(path))).toEqual([]);
    const all = bundles();
    expect(all.length).toBeGreaterThan(20);
    for (const [id, code] of all) {
      // The X-Ray SDK's daemon settings; the SDK chain's container, web-identity (STS), SSO and process providers.
      for (const marker of ['AWS_XRAY_DAEMON_ADDRESS', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AssumeRoleWithWebIdentity', 'sso_start_url', 'credential_process']) {
        expect(code.includes(marker), `${id} contains ${marker}`).toBe(false);
      }
    }
  });

  it("no bundle carries zod's classic API: every schema on the Lambda path is zod/mini", () => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    // zod names each schema class by a string that minifying keeps: classic "ZodType", mini "ZodMiniType".
    const classic = /["']Zod(?:Type|Object|String)["']/;
    expect(readFileSync(join(PROJECT_ROOT, 'node_modules', 'zod', 'v4', 'classic', 'schemas.js'), 'utf8')).toMatch(classic);
    const all = bundles();
    expect(all.filter(([, code]) => classic.test(code)).map(([id]) => id)).toEqual([]);
    // Every function but the OpenAPI route (which carries the document, not the schemas) validates with zod/mini.
    const withoutMini = all.filter(([, code]) => !code.includes('"ZodMiniObject"')).map(([id]) => id);
    expect(withoutMini).toHaveLength(1);
    expect(withoutMini[0]).toMatch(/^RouteOpenapi/);
  });

  it('a bundle builds only the schemas its function uses, and keeps the bilingual error map (ADR 0119)', () => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    const all = bundles();
    const code = (prefix: string) => all.find(([id]) => id.startsWith(prefix))![1];
    // Schema ids survive minifying: the Satgas activity page is built where it is answered, not in the report's route.
    const activityPage = /["']SatgasActivityPage["']/;
    expect(code('RouteListSatgasActivities')).toMatch(activityPage);
    expect(code('RouteGetReport')).not.toMatch(activityPage);
    expect(code('RouteGetReport')).not.toMatch(/["']PutSatgas["']/);
    // zod's error map is imported for its side effect alone: every route and step keeps it (the authorizer checks
    // only its own configuration and never carried it).
    const validating = all.filter(([id, code]) => /^(Route|Step)/.test(id) && code.includes('"ZodMiniObject"'));
    expect(validating.length).toBeGreaterThan(20);
    expect(validating.filter(([, code]) => !code.includes('paling sedikit')).map(([id]) => id)).toEqual([]);
  });

  it('the OpenAPI route serves, as data, the document the route schemas generate, and carries no schema', async () => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    const [, code] = bundles().find(([id]) => id.startsWith('RouteOpenapi'))!;
    expect(code).not.toMatch(/ZodError|\$ZodType/);
    const [, openapi] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('RouteOpenapi'))!;
    const file = join(outdir, `asset.${openapi.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
    const { handler } = await import(file);
    const response = await handler({ httpMethod: 'GET', path: '/openapi.json', headers: {} }, {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual(buildOpenApi(routes));
  });
});
