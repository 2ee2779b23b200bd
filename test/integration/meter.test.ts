// The benchmark meter counts round trips and capacity units as DynamoDB Local reports them.
import { expect, it } from 'vitest';
import { buildDependencies } from '../../functions/composition/root.ts';
import { loadConfig } from '../../functions/lib/config.ts';
import { meter } from '../../functions/adapters/dynamodb/meter.ts';

it('counts a region write and read', async () => {
  const deps = buildDependencies(loadConfig({ ...process.env, NETRA_METER: 'on' }));
  meter.reset();
  await deps.regions.put({ id: '12.01', name: 'Kabupaten Tapanuli Tengah', agencyName: 'BKPSDM' });
  await deps.regions.get('12.01');
  expect(meter.snapshot()).toEqual({
    calls: 2,
    readUnits: 0.5,
    writeUnits: 2, // the region item and its GSI1 entry (regions are listed for the reconciler)
    byCommand: { PutItemCommand: 1, GetItemCommand: 1 },
  });
});
