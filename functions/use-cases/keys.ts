// Regions and their API keys: issue, rotate, revoke, and authenticate a presented key.
import type { Dependencies } from '#ports';
import type { ApiKeyRecord, Region } from '#domain/regions';
import { InputError, NotFoundError } from '#domain/errors';
import { hashSecret, newApiKey } from '#domain/ids';
import { fieldError, message } from '#domain/messages';
import { isTimeZone, timeZoneForRegion } from '#domain/time-zones';
import { isNationalBody, type NationalBody } from '#domain/national-bodies';

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

/** Who holds a key: a region, or a national body (whose keys are listed under its holder id, which no region id
 *  can be: those are digits and dots). */
export type KeyHolder = { regionId: string } | { body: NationalBody };
const holderId = (holder: KeyHolder) => ('body' in holder ? `national-${holder.body}` : holder.regionId);
const holderName = (holder: KeyHolder) => ('body' in holder ? holder.body : `region ${holder.regionId}`);

async function issueFor(deps: Deps, holder: KeyHolder): Promise<{ keyId: string; key: string }> {
  const { keyId, key } = newApiKey();
  const record: ApiKeyRecord = { keyId, regionId: holderId(holder), createdAt: deps.clock.now().toISOString(), ...('body' in holder ? { body: holder.body } : {}) };
  await deps.keys.add(record, hashSecret(key));
  return { keyId, key };
}

/** Issues a new key; the raw key is returned once and only its hash is stored. A region must exist first. */
export async function issueKey(deps: Deps, holder: string | KeyHolder): Promise<{ keyId: string; key: string }> {
  const of = typeof holder === 'string' ? { regionId: holder } : holder;
  if ('regionId' in of) await requireRegion(deps, of.regionId);
  return issueFor(deps, of);
}

/** Issues a new key and revokes every key the holder had before it. */
export async function rotateKeys(deps: Deps, holder: string | KeyHolder) {
  const of = typeof holder === 'string' ? { regionId: holder } : holder;
  const previous = (await deps.keys.list(holderId(of))).filter((record) => !record.revokedAt);
  const issued = await issueKey(deps, of);
  const at = deps.clock.now().toISOString();
  for (const record of previous) await deps.keys.revoke(holderId(of), record.keyId, at);
  return { ...issued, revoked: previous.map((record) => record.keyId) };
}

export async function revokeKey(deps: Deps, holder: string | KeyHolder, keyId: string): Promise<void> {
  const of = typeof holder === 'string' ? { regionId: holder } : holder;
  if (!(await deps.keys.revoke(holderId(of), keyId, deps.clock.now().toISOString()))) {
    throw new NotFoundError(`${holderName(of)} has no active key ${keyId}`);
  }
}

export function listKeys(deps: Deps, holder: string | KeyHolder): Promise<ApiKeyRecord[]> {
  return deps.keys.list(holderId(typeof holder === 'string' ? { regionId: holder } : holder));
}

/** Who a presented key belongs to (a region, or a national body), or null for a malformed, unknown or revoked key. */
export async function authenticate(deps: Pick<Dependencies, 'keys'>, presented: string | undefined): Promise<({ keyId: string } & KeyHolder) | null> {
  if (!presented || !KEY_SHAPE.test(presented)) return null;
  const record = await deps.keys.findByHash(hashSecret(presented));
  if (!record || record.revokedAt) return null;
  if (record.body) return isNationalBody(record.body) ? { body: record.body, keyId: record.keyId } : null;
  return { regionId: record.regionId, keyId: record.keyId };
}
