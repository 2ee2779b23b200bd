// The one table's shape: the CDK stack and the local stack both create it from this.

/** What the list items carry besides their keys (README "Data model"): the filters that never change once a
 *  report exists, so that a combined filter is tested in the index. */
export const LIST_INDEX_ATTRIBUTES = ['CategoryPK', 'StagePK', 'SourcePK', 'electionId'] as const;

export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Every attribute (`ALL`), only the keys (`KEYS_ONLY`), or the keys and these (`INCLUDE`). */
  projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

/** Two generic indexes, overloaded by the items that carry their keys (README "Data model"). */
export const GSI1: IndexDesign = { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' };
export const GSI2: IndexDesign = { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' };

/** One sparse index per filter of GET /v1/reports, in the report order of GSI1 (`GSI1SK`). */
const listIndex = (indexName: string, projection: IndexDesign['projection']): IndexDesign =>
  ({ indexName, partitionKey: `${indexName}PK`, sortKey: 'GSI1SK', projection });
const carrying = (partitionKey: string) => LIST_INDEX_ATTRIBUTES.filter((name) => name !== partitionKey);

export const LIST_INDEXES = {
  /** These three hold a report's list item (SK `LISTS`): written once with the report, never changed. */
  category: listIndex('Category', carrying('CategoryPK')),
  stage: listIndex('Stage', carrying('StagePK')),
  source: listIndex('Source', carrying('SourcePK')),
  /** The report item itself, only while it is overdue and open (its key set by markOverdue's transition,
   *  removed by the one that closes it). */
  overdue: listIndex('Overdue', 'KEYS_ONLY'),
} as const;

/** The list indexes' names, in the order a table made before them gets them: CloudFormation adds one index per
 *  stack update (README "Deploy to AWS", `netra:listIndexes`). */
export const LIST_INDEX_NAMES = Object.values(LIST_INDEXES).map((index) => index.indexName);

export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiration',
  globalSecondaryIndexes: [
    GSI1,
    GSI2,
    ...Object.values(LIST_INDEXES),
  ] as readonly IndexDesign[],
} as const;

/** The distinct key attributes of the table and its indexes (the list indexes share GSI1's sort key). */
export const KEY_ATTRIBUTES = [
  ...new Set([TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, ...TABLE_DESIGN.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]),
];

/** The table's indexes with only the first `listIndexes` of the list indexes: a table on its way to the design. */
export function indexesWith(listIndexes: number): readonly IndexDesign[] {
  const kept = new Set(LIST_INDEX_NAMES.slice(0, listIndexes));
  return TABLE_DESIGN.globalSecondaryIndexes.filter((index) => !LIST_INDEX_NAMES.includes(index.indexName) || kept.has(index.indexName));
}
