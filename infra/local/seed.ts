// Seeds the demo regions and their directories, and keeps their API keys in demo-keys.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependencies } from '../../functions/ports.ts';
import { authenticate, createRegion, issueKey } from '../../functions/use-cases/keys.ts';
import { DEMO_REGIONS } from './demo-data.ts';

/** Seeds what is missing and returns the demo keys, reusing the ones in the file while they still work. */
export async function seedDemo(deps: Dependencies, dataDir: string): Promise<Record<string, string>> {
  const file = join(dataDir, 'demo-keys.json');
  const previous: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const keys: Record<string, string> = {};
  const at = deps.clock.now().toISOString();
  for (const demo of DEMO_REGIONS) {
    const id = demo.region.id;
    if (!(await deps.regions.get(id))) {
      await createRegion(deps, demo.region);
      for (const [opdId, opd] of Object.entries(demo.opds)) await deps.directory.putOpd(id, opdId, opd, at);
      await deps.directory.putContacts(id, demo.contacts, at);
    }
    const known = previous[id];
    keys[id] = known && (await authenticate(deps, known))?.regionId === id ? known : (await issueKey(deps, id)).key;
  }
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
