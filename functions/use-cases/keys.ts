// Regions and their API keys: issue, rotate, revoke, and authenticate a presented key.
import type { ApiKeyRecord, Dependencies, Region } from '#ports';
import { InputError, NotFoundError } from '#domain/errors';
import { hashSecret, newApiKey } from '#domain/ids';

type Deps = Pick<Dependencies, 'clock' | 'regions' | 'keys'>;

const KEY_SHAPE = /^ntr_[0-9A-Z]{8}_[A-Za-z0-9_-]{43}$/;
export const REGION_ID = /^\d{2}(\.\d{2}){0,2}$/;

export async function createRegion(deps: Deps, region: Region): Promise<Region> {
  if (!REGION_ID.test(region.id)) {
    throw new InputError([{ path: 'id', message: 'Kemendagri code such as 34.02' }]);
  }
  if (!region.name.trim() || !region.agencyName.trim()) {
    throw new InputError([{ path: 'name', message: 'name and agency name are required' }]);
  }
  await deps.regions.put(region);
  return region;
}

async function requireRegion(deps: Deps, regionId: string): Promise<void> {
  if (!(await deps.regions.get(regionId))) throw new NotFoundError(`region ${regionId} does not exist`);
}

/** Issues a new key; the raw key is returned once and only its hash is stored. */
export async function issueKey(deps: Deps, regionId: string): Promise<{ keyId: string; key: string }> {
  await requireRegion(deps, regionId);
  const { keyId, key } = newApiKey();
  await deps.keys.add({ keyId, regionId, createdAt: deps.clock.now().toISOString() }, hashSecret(key));
  return { keyId, key };
}

/** Issues a new key and revokes every key the region had before it. */
export async function rotateKeys(deps: Deps, regionId: string) {
  const previous = (await deps.keys.list(regionId)).filter((record) => !record.revokedAt);
  const issued = await issueKey(deps, regionId);
  const at = deps.clock.now().toISOString();
  for (const record of previous) await deps.keys.revoke(regionId, record.keyId, at);
  return { ...issued, revoked: previous.map((record) => record.keyId) };
}

export async function revokeKey(deps: Deps, regionId: string, keyId: string): Promise<void> {
  if (!(await deps.keys.revoke(regionId, keyId, deps.clock.now().toISOString()))) {
    throw new NotFoundError(`region ${regionId} has no active key ${keyId}`);
  }
}

export function listKeys(deps: Deps, regionId: string): Promise<ApiKeyRecord[]> {
  return deps.keys.list(regionId);
}

/** The region a presented key belongs to, or null for a malformed, unknown or revoked key. */
export async function authenticate(deps: Pick<Dependencies, 'keys'>, presented: string | undefined) {
  if (!presented || !KEY_SHAPE.test(presented)) return null;
  const record = await deps.keys.findByHash(hashSecret(presented));
  if (!record || record.revokedAt) return null;
  return { regionId: record.regionId, keyId: record.keyId };
}
