// Regions and their API keys: issue, rotate, revoke, and authenticate a presented key.
import type { ApiKeyRecord, Dependencies, Region } from '#ports';
import { InputError, NotFoundError } from '#domain/errors';
import { hashSecret, newApiKey } from '#domain/ids';
import { fieldError, message } from '#domain/messages';
import { isTimeZone, timeZoneForRegion } from '#domain/time-zones';

type Deps = Pick<Dependencies, 'clock' | 'regions' | 'keys'>;

const KEY_SHAPE = /^ntr_[0-9A-Z]{8}_[A-Za-z0-9_-]{43}$/;
export const REGION_ID = /^\d{2}(\.\d{2}){0,2}$/;

/** Stores a region with its time zone: the one given (an IANA name Intl knows), else its province's. */
export async function createRegion(deps: Deps, input: Region): Promise<Region & { timeZone: string }> {
  if (!REGION_ID.test(input.id)) {
    throw new InputError([fieldError('id', message('kode Kemendagri, mis. 34.02', 'a Kemendagri code such as 34.02'))]);
  }
  if (!input.name.trim() || !input.agencyName.trim()) {
    throw new InputError([fieldError('name', message('nama daerah dan nama badan wajib diisi', 'name and agency name are required'))]);
  }
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new InputError([fieldError('timeZone', message(
      `zona waktu tidak dikenal: ${input.timeZone} (mis. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`,
      `unknown time zone: ${input.timeZone} (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`,
    ))]);
  }
  const region = { ...input, timeZone: input.timeZone ?? timeZoneForRegion(input.id) };
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
