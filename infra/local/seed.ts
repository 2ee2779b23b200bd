// Seeds the demo regions and their directories, the national bodies' keys and contacts and a few of their
// recommendations, and keeps every key in demo-keys.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependencies } from '../../functions/ports.ts';
import { authenticate, createRegion, issueKey } from '../../functions/use-cases/keys.ts';
import { NATIONAL_BODIES } from '../../functions/domain/national-bodies.ts';
import { pushRecommendation, recommendationReportId } from '../../functions/use-cases/national.ts';
import { DEMO_NATIONAL_CONTACTS, DEMO_RECOMMENDATIONS, DEMO_REGIONS } from './demo-data.ts';

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
  // A few recommendations pushed by the national bodies, once: a restart finds their reports and leaves them to
  // the runner (pushed again, the keyed retry would find their waiting executions not resumed yet, and repair them).
  for (const demo of DEMO_RECOMMENDATIONS) {
    if (await deps.reports.get(demo.regionId, recommendationReportId(demo.body, demo.regionId, demo.key))) continue;
    await pushRecommendation(deps, {
      body: demo.body,
      idempotencyKey: demo.key,
      recommendation: {
        regionId: demo.regionId, electionId: 'pilkada-2024', incidentDate: demo.issuedAt, category: demo.category,
        description: 'Temuan Bawaslu yang telah diverifikasi: dukungan terbuka kepada pasangan calon.', location: 'Wilayah kabupaten',
        evidenceUrls: [], employee: { nip: demo.nip, name: demo.name, position: 'Pelaksana', opdId: demo.opdId, employmentType: 'PNS' },
        number: demo.number, issuedAt: demo.issuedAt, ...('dueAt' in demo ? { dueAt: demo.dueAt } : {}),
      },
    });
  }
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
