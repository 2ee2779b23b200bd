// Seeds the demo regions and their directories, and keeps their API keys in demo-keys.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependencies } from '../../functions/ports.ts';
import { authenticate, createRegion, issueKey } from '../../functions/use-cases/keys.ts';
import { NATIONAL_BODIES } from '../../functions/domain/national-bodies.ts';
import { DEMO_NATIONAL_CONTACTS, DEMO_REGIONS } from './demo-data.ts';

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
    const holder = known ? await authenticate(deps, known) : null;
    keys[id] = holder && 'regionId' in holder && holder.regionId === id ? known! : (await issueKey(deps, id)).key;
  }
  // The national bodies' keys beside the regions' ({"BKN": "...", "BAWASLU_RI": "..."}), and their contacts.
  for (const body of NATIONAL_BODIES) {
    const known = previous[body];
    const holder = known ? await authenticate(deps, known) : null;
    keys[body] = holder && 'body' in holder && holder.body === body ? known! : (await issueKey(deps, { body })).key;
    if (!(await deps.national.getContact(body))) await deps.national.putContact(body, DEMO_NATIONAL_CONTACTS[body], at);
  }
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
