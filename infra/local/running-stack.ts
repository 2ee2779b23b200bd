// The running local stack as every command finds it: $NETRA_DATA_DIR/local.json (its URL and DynamoDB Local,
// written by `npm start`) and demo-keys.json (the demo regions' keys), whatever PORT it was started with.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface RunningStack {
  apiUrl: string;
  dynamoEndpoint: string;
  tableName: string;
}

/** A problem a person can act on: no stack running, or no key for that region. */
export class NoRunningStack extends Error {}

export const dataDirOf = (env: NodeJS.ProcessEnv = process.env) => resolve(env.NETRA_DATA_DIR ?? '.netra');

export function runningStack(dataDir = dataDirOf()): RunningStack {
  const file = join(dataDir, 'local.json');
  if (!existsSync(file)) {
    throw new NoRunningStack(`The local stack is not running (no ${file}): start it with \`npm start\` (with the same NETRA_DATA_DIR).`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as RunningStack;
}

/** A demo region's API key (or a national body's: BKN, BAWASLU_RI), as `npm start` wrote it. */
export function demoKey(regionId: string, dataDir = dataDirOf()): string {
  const file = join(dataDir, 'demo-keys.json');
  if (!existsSync(file)) throw new NoRunningStack(`No ${file}: start the local stack with \`npm start\` first.`);
  const keys = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
  const key = keys.get(regionId);
  if (!key) throw new NoRunningStack(`${file} has no key for ${regionId} (demo regions and bodies: ${[...keys.keys()].join(', ')}).`);
  return key;
}
