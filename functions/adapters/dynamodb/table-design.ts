// The one table's shape: the CDK stack and the local stack both create it from this.

/** The report attributes the list indexes carry besides their keys: the filters that never change once a report
 *  exists (README "Data model"), so that a combined filter is tested in the index, and no transition writes it. */
export const LIST_INDEX_ATTRIBUTES = ['CategoryPK', 'StagePK', 'SourcePK', 'electionId'] as const;

export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Every attribute (`ALL`), or the keys and these (`INCLUDE`). */
  projection: 'ALL' | readonly string[];
}

/** Two generic indexes, overloaded by the items that carry their keys (README "Data model"). */
export const GSI1: IndexDesign = { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' };
export const GSI2: IndexDesign = { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' };

/** One sparse index per filter of GET /v1/reports: only reports carry its key, in the report order of GSI1. */
const listIndex = (indexName: string): IndexDesign => {
  const partitionKey = `${indexName}PK`;
  return { indexName, partitionKey, sortKey: 'GSI1SK', projection: LIST_INDEX_ATTRIBUTES.filter((name) => name !== partitionKey) };
};

export const LIST_INDEXES = {
  category: listIndex('Category'),
  stage: listIndex('Stage'),
  source: listIndex('Source'),
  /** Only while a report is overdue and open (set by markOverdue's transition, removed by the one that closes it). */
  overdue: listIndex('Overdue'),
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
