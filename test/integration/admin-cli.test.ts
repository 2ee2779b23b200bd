// The admin command as an engineer runs it: a child process against DynamoDB Local.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject, expect, it } from 'vitest';
import { dependencies } from '../../functions/composition/root.ts';
import { authenticate } from '../../functions/use-cases/keys.ts';

const run = promisify(execFile);
const target = ['--endpoint', inject('dynamoEndpoint'), '--table', process.env.TABLE_NAME!];
const admin = (...args: string[]) =>
  run(process.execPath, ['infra/admin/cli.ts', ...args, ...target, '--json'], { env: { ...process.env, NETRA_MODE: '' } })
    .then(({ stdout }) => JSON.parse(stdout));

it('creates a region, issues, lists, rotates and revokes its keys', async () => {
  const deps = dependencies();
  expect(await admin('region', 'create', '--id', '35.07', '--name', 'Kabupaten Malang', '--agency', 'BKPSDM')).toMatchObject({ id: '35.07' });

  const first = await admin('key', 'issue', '--region', '35.07');
  expect(await authenticate(deps, first.key)).toEqual({ regionId: '35.07', keyId: first.keyId });

  const rotated = await admin('key', 'rotate', '--region', '35.07');
  expect(rotated.revoked).toEqual([first.keyId]);
  expect(await authenticate(deps, first.key)).toBeNull();
  expect(await authenticate(deps, rotated.key)).toMatchObject({ regionId: '35.07' });

  await admin('key', 'revoke', '--region', '35.07', '--key-id', rotated.keyId);
  expect(await authenticate(deps, rotated.key)).toBeNull();

  const list = await admin('key', 'list', '--region', '35.07');
  expect(list).toHaveLength(2);
  expect(list.every((k: { revokedAt?: string }) => k.revokedAt)).toBe(true);
  // Only hashes are stored: the raw key appears nowhere in what the store returns.
  expect(JSON.stringify(list)).not.toContain(first.key.slice(`ntr_${first.keyId}_`.length));
}, 120_000); // five fresh Node processes: tens of seconds on a loaded machine

it('refuses bad input with a clear message and a non-zero exit', async () => {
  await expect(admin('region', 'create', '--id', 'bantul', '--name', 'X', '--agency', 'Y')).rejects.toMatchObject({
    stderr: expect.stringContaining('Kemendagri code'),
  });
  await expect(admin('key', 'issue', '--region', '99.99')).rejects.toMatchObject({ stderr: expect.stringContaining('does not exist') });
  await expect(admin('key', 'revoke', '--region', '35.07', '--key-id', 'NOPE')).rejects.toMatchObject({ code: 1 });
  await expect(admin('key', 'issue')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('missing --region') });
}, 120_000);

it('gives a region its province’s time zone, or the one passed, and refuses an unknown zone', async () => {
  const deps = dependencies();
  expect(await admin('region', 'create', '--id', '64.09', '--name', 'Kabupaten Penajam Paser Utara', '--agency', 'BKPSDM')).toMatchObject({ timeZone: 'Asia/Makassar' });
  expect(await deps.regions.get('64.09')).toMatchObject({ timeZone: 'Asia/Makassar' });
  expect(await admin('region', 'create', '--id', '61.01', '--name', 'Kabupaten Sambas', '--agency', 'BKPSDM', '--time-zone', 'Asia/Pontianak')).toMatchObject({ timeZone: 'Asia/Pontianak' });
  await expect(admin('region', 'create', '--id', '61.02', '--name', 'X', '--agency', 'BKD', '--time-zone', 'Asia/Borneo')).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('unknown time zone: Asia/Borneo'),
  });
  expect(await deps.regions.get('61.02')).toBeNull();
}, 120_000);
