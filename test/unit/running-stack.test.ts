// demoKey: what `npm run admin -- demo-key X` prints, for a demo region and for a national body alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoKey, NoRunningStack } from '../../infra/local/running-stack.ts';

describe('demoKey', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-demo-keys-'));
  writeFileSync(join(dataDir, 'demo-keys.json'), JSON.stringify({ '34.02': 'key-bantul', BKN: 'key-bkn', BAWASLU_RI: 'key-bawaslu' }));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("reads a region's key and a national body's key", () => {
    expect(demoKey('34.02', dataDir)).toBe('key-bantul');
    expect(demoKey('BKN', dataDir)).toBe('key-bkn');
    expect(demoKey('BAWASLU_RI', dataDir)).toBe('key-bawaslu');
  });

  it('names the known ones for an unknown name, and takes nothing from the prototype', () => {
    expect(() => demoKey('99.99', dataDir)).toThrow(NoRunningStack);
    expect(() => demoKey('99.99', dataDir)).toThrow(/has no key for 99\.99 \(demo regions and bodies: 34\.02, BKN, BAWASLU_RI\)/);
    expect(() => demoKey('toString', dataDir)).toThrow(NoRunningStack);
  });

  it('says to start the stack when there is no demo-keys.json', () => {
    expect(() => demoKey('34.02', join(dataDir, 'absent'))).toThrow(/npm start/);
  });
});
