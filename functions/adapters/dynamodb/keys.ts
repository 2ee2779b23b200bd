// Key builders: every item's PK and SK, so the access patterns in the README have one home.

export const keys = {
  region: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'REGION' }),
  opd: (regionId: string, opdId: string) => ({ PK: `REGION#${regionId}`, SK: `OPD#${opdId}` }),
  opdPrefix: 'OPD#',
  contacts: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'CONTACTS' }),
  settings: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'SETTINGS' }),
  stats: (regionId: string, electionId: string) => ({ PK: `REGION#${regionId}`, SK: `STATS#${electionId}` }),

  apiKey: (hash: string) => ({ PK: `APIKEY#${hash}`, SK: 'APIKEY' }),
  apiKeysOfRegion: (regionId: string) => `REGION#${regionId}#KEYS`,

  reportPartition: (regionId: string, id: string) => `REGION#${regionId}#REPORT#${id}`,
  report: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'REPORT' }),
  timeline: (regionId: string, id: string, entryId: string) => ({ PK: keys.reportPartition(regionId, id), SK: `TL#${entryId}` }),
  timelinePrefix: 'TL#',
  receipt: (code: string) => ({ PK: `RECEIPT#${code}`, SK: 'RECEIPT' }),
  reportsOfRegion: (regionId: string) => `REGION#${regionId}#REPORTS`,
  reportsByStatus: (regionId: string, status: string) => `REGION#${regionId}#STATUS#${status}`,
  reportOrder: (createdAt: string, id: string) => `${createdAt}#${id}`,

  /** A decision link's record, under the SHA-256 of its id. */
  decision: (key: string) => ({ PK: `DECISION#${key}`, SK: 'DECISION' }),
};
