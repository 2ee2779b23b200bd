// Room in the stack: CloudFormation refuses a template of more than 500 resources, so the alarms live in a nested
// stack (ADR 0120); an update over a deployed region must not replace anything that holds data or that callers hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, resourcesOfType, synthNetra, WORKFLOW_UNDER_TEST, type CfnTemplate } from './support.ts';

/** CloudFormation's limits per template: resources and parameters. */
const MAX_RESOURCES = 500;
const MAX_PARAMETERS = 200;
/** Fail this far from a limit, so that the next route is added knowingly, not found out at `cdk deploy`. */
const HEADROOM = 50;

/** What main deployed before the alarms moved (test/infra/fixtures/deployed-ids.json, from main's synth at f6ef412):
 *  the logical ids of everything that holds data or that callers and operators hold (the API's URL, the usage
 *  plans' keys, the topic's confirmed subscription), the outputs, and each alarm's watch as one line. New routes
 *  need no entry; a route removed on purpose takes its ids out of the file, knowingly (its log group is retained). */
const deployed = JSON.parse(readFileSync(join(FIXTURES, 'deployed-ids.json'), 'utf8')) as {
  resources: Record<string, string[]>;
  outputs: string[];
  alarms: Record<string, string>;
};

let synth: ReturnType<typeof synthNetra>;
let json: CfnTemplate;
beforeAll(() => {
  synth = synthNetra({ workflow: WORKFLOW_UNDER_TEST });
  json = synth.json as CfnTemplate;
});

describe('resource count', () => {
  it(`keeps the stack at least ${HEADROOM} resources below CloudFormation's ${MAX_RESOURCES}`, () => {
    const count = Object.keys(json.Resources).length;
    expect(count, `the stack has ${count} resources: make room (docs/adr/0120-alarms-in-a-nested-stack.md) before adding more`).toBeLessThanOrEqual(MAX_RESOURCES - HEADROOM);
    // The figure docs/deploy.md gives, give or take a route: if this moves far, update the docs.
    expect(count).toBeGreaterThan(300);
  });

  it(`keeps the alarms' nested stack ${HEADROOM} below the limits too, and holds nothing but alarms`, () => {
    const nested = synth.alarmsJson;
    const count = Object.keys(nested.Resources).length;
    expect(count).toBeLessThanOrEqual(MAX_RESOURCES - HEADROOM);
    // Each function it watches is a parameter (its name, passed from the stack).
    expect(Object.keys(nested.Parameters ?? {}).length).toBeLessThanOrEqual(MAX_PARAMETERS - HEADROOM);
    expect(new Set(Object.values(nested.Resources).map((r) => r.Type))).toEqual(new Set(['AWS::CloudWatch::Alarm']));
    expect(resourcesOfType(json, 'AWS::CloudWatch::Alarm')).toEqual([]);
    // Two per function, and the workflow's, the API's and personal data's.
    const functions = resourcesOfType(json, 'AWS::Lambda::Function').length;
    expect(count).toBeGreaterThan(2 * functions);
    expect(resourcesOfType(json, 'AWS::CloudFormation::Stack')).toHaveLength(1);
  });
});

describe('an update over a deployed stack', () => {
  it('keeps the logical id of every stateful resource, and of the API, usage plans and alarm topic, in the stack', () => {
    for (const [type, ids] of Object.entries(deployed.resources)) {
      const now = resourcesOfType(json, type).map(([id]) => id);
      expect(now, type).toEqual(expect.arrayContaining(ids));
    }
    // And none of them went to the nested stack.
    const moved = Object.values(synth.alarmsJson.Resources).filter((r) => Object.hasOwn(deployed.resources, r.Type));
    expect(moved).toEqual([]);
  });

  it('keeps the retain policies of what holds data', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const id of deployed.resources[type]!) {
        expect(json.Resources[id]!.DeletionPolicy, id).toBe('Retain');
      }
    }
  });

  it('keeps every output', () => {
    expect(Object.keys(json.Outputs ?? {})).toEqual(expect.arrayContaining(deployed.outputs));
  });

  it('keeps every alarm: its name says what it watches, to the same topic, at the same threshold', () => {
    const now = new Map(resourcesOfType(synth.alarmsInParent, 'AWS::CloudWatch::Alarm').map(([, a]) => [a.Properties.AlarmName as string, a.Properties]));
    expect(now.size).toBeGreaterThanOrEqual(Object.keys(deployed.alarms).length);
    for (const [id, watch] of Object.entries(deployed.alarms)) {
      const alarm = now.get(`${synth.stack.stackName}-${id}`);
      expect(alarm, id).toBeDefined();
      expect(watchOf(alarm), id).toBe(watch);
    }
  });
});

/** One alarm's watch as one line (how the fixture records them): the metric, statistic, period, comparison,
 *  threshold, evaluation, missing data, dimensions, actions and description. */
function watchOf(p: any): string {
  const dimensions = (p.Dimensions ?? []).map((d: any) => `${d.Name}=${d.Value.Ref ?? JSON.stringify(d.Value)}`).join(',');
  return [p.Namespace, p.MetricName, p.Statistic, p.Period, p.ComparisonOperator, p.Threshold, p.EvaluationPeriods, p.TreatMissingData, dimensions,
    p.AlarmActions.map((a: any) => a.Ref).join(','), p.AlarmDescription].join(' | ');
}
