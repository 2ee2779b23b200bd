// Which list indexes the report store may read, from NETRA_LIST_INDEXES (the stack sets it from `netra:listIndexes`).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/lib/config.ts';

describe('NETRA_LIST_INDEXES', () => {
  const aws = { NETRA_MODE: 'aws', TABLE_NAME: 't', AWS_REGION: 'ap-southeast-3' };

  it('names the list indexes the table has: some, none, or (absent) every one of the design', () => {
    expect(loadConfig({ ...aws, NETRA_LIST_INDEXES: 'Category,Stage' }).listIndexes).toEqual(['Category', 'Stage']);
    expect(loadConfig({ ...aws, NETRA_LIST_INDEXES: '' }).listIndexes).toEqual([]);
    expect(loadConfig(aws).listIndexes).toBeUndefined();
    expect(() => loadConfig({ ...aws, NETRA_LIST_INDEXES: 'Category;Stage' })).toThrow(/NETRA_LIST_INDEXES/);
  });
});
