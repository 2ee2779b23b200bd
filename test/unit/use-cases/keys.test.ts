// Regions and API keys over the fakes: region codes and zones, a key shown once and stored as a hash, rotation that
// revokes every earlier key, and authentication that refuses revoked and malformed keys.
import { describe, expect, it } from 'vitest';
import { authenticate, createRegion, issueKey, revokeKey, rotateKeys } from '../../../functions/use-cases/keys.ts';
import { InputError, NotFoundError } from '../../../functions/domain/errors.ts';
import { fakeDependencies } from '../../support/fakes.ts';

const region = { id: '64.02', name: 'Kabupaten Kutai Kartanegara', agencyName: 'BKPSDM' };

describe('createRegion', () => {
  it('fills in the province\'s zone, keeps a given one, and refuses a zone Intl does not know', async () => {
    const fakes = fakeDependencies();
    expect((await createRegion(fakes, region)).timeZone).toBe('Asia/Makassar');
    expect((await createRegion(fakes, { ...region, timeZone: 'Asia/Jakarta' })).timeZone).toBe('Asia/Jakarta');
    const error = await createRegion(fakes, { ...region, timeZone: 'Asia/Atlantis' }).catch((e: unknown) => e);
    expect((error as InputError).errors.map((e) => e.path)).toEqual(['timeZone']);
    expect((await fakes.regions.get('64.02'))!.timeZone).toBe('Asia/Jakarta');
  });

  it('refuses what is not a Kemendagri code, and blank names', async () => {
    const fakes = fakeDependencies();
    for (const id of ['6402', '64.2', '64.02.', 'x']) await expect(createRegion(fakes, { ...region, id })).rejects.toBeInstanceOf(InputError);
    await expect(createRegion(fakes, { ...region, name: '  ' })).rejects.toBeInstanceOf(InputError);
    expect(fakes.regions.regions.size).toBe(0);
  });
});

describe('API keys', () => {
  it('stores only the hash of an issued key, which then authenticates as its region', async () => {
    const fakes = fakeDependencies();
    await createRegion(fakes, region);
    const { key, keyId } = await issueKey(fakes, '64.02');
    expect(JSON.stringify([...fakes.keys.byHash])).not.toContain(key);
    expect(await authenticate(fakes, key)).toEqual({ regionId: '64.02', keyId });
  });

  it('issues no key for a region that does not exist', async () => {
    const fakes = fakeDependencies();
    await expect(issueKey(fakes, '64.02')).rejects.toBeInstanceOf(NotFoundError);
    expect(fakes.keys.byHash.size).toBe(0);
  });

  it('rotation revokes every earlier key and keeps the new one working', async () => {
    const fakes = fakeDependencies();
    await createRegion(fakes, region);
    const a = await issueKey(fakes, '64.02');
    const b = await issueKey(fakes, '64.02');
    const rotated = await rotateKeys(fakes, '64.02');
    expect(rotated.revoked.sort()).toEqual([a.keyId, b.keyId].sort());
    expect(await authenticate(fakes, a.key)).toBeNull();
    expect(await authenticate(fakes, b.key)).toBeNull();
    expect(await authenticate(fakes, rotated.key)).toMatchObject({ regionId: '64.02' });
  });

  it('revoking a key twice, or another region\'s key, is not found', async () => {
    const fakes = fakeDependencies();
    await createRegion(fakes, region);
    await createRegion(fakes, { ...region, id: '34.02' });
    const { keyId } = await issueKey(fakes, '64.02');
    await expect(revokeKey(fakes, '34.02', keyId)).rejects.toBeInstanceOf(NotFoundError);
    await revokeKey(fakes, '64.02', keyId);
    await expect(revokeKey(fakes, '64.02', keyId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a malformed key is refused without a look-up', async () => {
    const fakes = fakeDependencies();
    let lookups = 0;
    fakes.keys.findByHash = async () => {
      lookups++;
      return null;
    };
    expect(await authenticate(fakes, 'ntr_short')).toBeNull();
    expect(await authenticate(fakes, undefined)).toBeNull();
    expect(lookups).toBe(0);
  });
});
