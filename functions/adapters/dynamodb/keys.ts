// Key builders: every item's PK and SK, so the access patterns in the README have one home.

export const SATGAS_SUFFIX = '#SATGAS';

export const keys = {
  region: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'REGION' }),
  /** GSI1 partition of every region item. */
  regions: 'REGIONS',
  opd: (regionId: string, opdId: string) => ({ PK: `REGION#${regionId}`, SK: `OPD#${opdId}` }),
  opdPrefix: 'OPD#',
  contacts: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'CONTACTS' }),
  settings: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'SETTINGS' }),
  /** The counters of a region's election, in shards (`STATS#<electionId>#<n>`) summed on read; the unsharded
   *  `STATS#<electionId>` item of earlier versions is read with them. */
  stats: (regionId: string, electionId: string) => ({ PK: `REGION#${regionId}`, SK: `STATS#${electionId}` }),
  /** The mark that a region's daily digest for a local date went out. */
  digest: (regionId: string, date: string) => ({ PK: `REGION#${regionId}`, SK: `DIGEST#${date}` }),
  statsShard: (regionId: string, electionId: string, shard: number) => ({ PK: `REGION#${regionId}`, SK: `STATS#${electionId}#${shard}` }),

  apiKey: (hash: string) => ({ PK: `APIKEY#${hash}`, SK: 'APIKEY' }),
  apiKeysOfRegion: (regionId: string) => `REGION#${regionId}#KEYS`,

  reportPartition: (regionId: string, id: string) => `REGION#${regionId}#REPORT#${id}`,
  report: (regionId: string, id: string) => keys.reportIn(keys.reportPartition(regionId, id)),
  /** The report item of a report's partition. */
  reportIn: (partition: string) => ({ PK: partition, SK: 'REPORT' }),
  /** A report's list item: its keys in the Category, Stage and Source indexes, written once with the report (they
   *  never change), so no transition rewrites them or pays for their bytes in the report item. */
  reportLists: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'LISTS' }),
  /** A report's status item: its key in GSI2, apart from the report item, so that only a transition that moves the
   *  status writes GSI2, and then only this small item. */
  reportStatus: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'STATUS' }),
  /** A report's workflow rounds counter (the execution it counts for and how many): no index holds it. */
  reportRounds: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'ROUNDS' }),
  /** The mark that a report became overdue, written once with its overdue mark: in GSI2 by when (the digest). */
  reportOverdue: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'OVERDUE' }),
  /** A report's sealed reporter identity: beside the report, written once, so no transition's update of the report
   *  item pays for its bytes. */
  reporterSeal: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'REPORTER' }),
  /** A report's entry in its employee's index (GSI1, by NIP): beside the report, written once with it, deleted when
   *  the report's personal data is erased; a person's record (GET /v1/people/{nip}) reads it. */
  reportPerson: (regionId: string, id: string) => ({ PK: keys.reportPartition(regionId, id), SK: 'PERSON' }),
  /** GSI1's partition of the reports naming one NIP, sorted `<createdAt>#<id>`. */
  reportsOfPerson: (regionId: string, nip: string) => `REGION#${regionId}#PERSON#${nip}`,
  timeline: (regionId: string, id: string, entryId: string) => ({ PK: keys.reportPartition(regionId, id), SK: `TL#${entryId}` }),
  timelinePrefix: 'TL#',
  /** A change applied at most once for the report (ReportTransition.once): its marker beside the report. */
  once: (regionId: string, id: string, name: string) => ({ PK: keys.reportPartition(regionId, id), SK: `ONCE#${name}` }),
  /** A claim on a send about the report (ReportStore.claim): for good, or a lease with `until`. */
  claim: (regionId: string, id: string, name: string) => ({ PK: keys.reportPartition(regionId, id), SK: `CLAIM#${name}` }),
  /** A Bawaslu notice that failed for good, until delivered: beside the report, in GSI2 by when it failed. */
  noticeFailed: (regionId: string, id: string, event: string) => ({ PK: keys.reportPartition(regionId, id), SK: `NOTICE_FAILED#${event}` }),
  /** GSI2's partition of a region's failed-notice marks, sorted `<failedAt>#<id>#<event>`. */
  noticesFailed: (regionId: string) => `REGION#${regionId}#NOTICES_FAILED`,
  receipt: (code: string) => ({ PK: `RECEIPT#${code}`, SK: 'RECEIPT' }),
  reportsOfRegion: (regionId: string) => `REGION#${regionId}#REPORTS`,
  reportsByStatus: (regionId: string, status: string) => `REGION#${regionId}#STATUS#${status}`,
  reportOrder: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** GSI2's partition of a region's overdue marks, sorted `<overdueAt>#<id>`. */
  reportsOverdueSince: (regionId: string) => `REGION#${regionId}#OVERDUE_SINCE`,
  /** The partitions of the list indexes (table-design.ts LIST_INDEXES), one per region and value. */
  reportsByCategory: (regionId: string, category: string) => `REGION#${regionId}#CATEGORY#${category}`,
  reportsByStage: (regionId: string, stage: string) => `REGION#${regionId}#STAGE#${stage}`,
  reportsBySource: (regionId: string, kind: string) => `REGION#${regionId}#SOURCE#${kind}`,
  overdueReports: (regionId: string) => `REGION#${regionId}#OVERDUE`,

  /** The access log (docs/privacy.md): a report's entries, a person's, and the region's list pages,
   *  each in its own partition sorted `<at>#<ulid>`, so a report's read never queries its log. */
  accessOfReport: (regionId: string, id: string) => `REGION#${regionId}#ACCESS#REPORT#${id}`,
  accessOfPerson: (regionId: string, nip: string) => `REGION#${regionId}#ACCESS#PERSON#${nip}`,
  accessOfRegion: (regionId: string) => `REGION#${regionId}#ACCESS#LISTS`,
  /** The distinct reports one API key read in one UTC hour (a bounded string set), for the unusual-reads alarm. */
  keyReads: (keyId: string, hour: string) => ({ PK: `APIKEYREADS#${keyId}`, SK: hour }),
  /** Every partition the access log writes (the three above and keyReads), as IAM's dynamodb:LeadingKeys patterns:
   *  a function that only reads the table is granted writes to these alone (infra/netra-stack.ts). */
  accessLogPartitions: ['REGION#*#ACCESS#*', 'APIKEYREADS#*'] as const,
  /** GSI2's partition of a national body's recommendations (their list items), sorted `<createdAt>#<regionId>#<id>`. */
  nationalRecommendations: (body: string) => `NATIONAL#${body}#RECOMMENDATIONS`,
  /** One region's follow-up counters of an election, for the national view: every region's in one partition, so the
   *  view reads one small item a region and never a report. */
  followUp: (electionId: string, regionId: string) => ({ PK: keys.followUpPartition(electionId), SK: `REGION#${regionId}` }),
  followUpPartition: (electionId: string) => `FOLLOWUP#${electionId}`,
  /** A national body's contact, and its weekly digest's marks. */
  nationalContact: (body: string) => ({ PK: `NATIONAL#${body}`, SK: 'CONTACT' }),
  nationalDigest: (body: string, week: string) => ({ PK: `NATIONAL#${body}`, SK: `DIGEST#${week}` }),

  /** A decision link's record, under the SHA-256 of its id. */
  decision: (key: string) => ({ PK: `DECISION#${key}`, SK: 'DECISION' }),
  ceremony: (regionId: string, id: string) => ({ PK: `REGION#${regionId}`, SK: `CEREMONY#${id}` }),
  ceremonyPrefix: 'CEREMONY#',
  /** One item per signing employee: the key that makes "one signature per employee per election" hold. */
  signature: (regionId: string, electionId: string, kind: string, employeeKey: string) => ({
    PK: `REGION#${regionId}#SIGNATURES#${electionId}#${kind}`,
    SK: employeeKey,
  }),
  // Pledge counters live in the region's partition, so compliance is one Query whatever the number of signatures.
  pledgeOpdPrefix: (electionId: string) => `PLEDGE#${electionId}#OPD#`,
  pledgeOpd: (regionId: string, electionId: string, opdId: string) => ({ PK: `REGION#${regionId}`, SK: `PLEDGE#${electionId}#OPD#${opdId}` }),
  pledgeRegion: (regionId: string, electionId: string) => ({ PK: `REGION#${regionId}`, SK: `PLEDGE#${electionId}#REGION` }),
  pledgeCeremonyPrefix: (electionId: string) => `PLEDGE#${electionId}#CEREMONY#`,
  pledgeCeremony: (regionId: string, electionId: string, ceremonyId: string) => ({
    PK: `REGION#${regionId}`,
    SK: `PLEDGE#${electionId}#CEREMONY#${ceremonyId}`,
  }),
  /** An OPD's Satgas: beside its OPD item, so the directory's one Query (`begins_with(SK, 'OPD#')`) reads both
   *  (opdIds cannot hold '#'), and replacing the OPD with PUT leaves its Satgas alone. */
  satgas: (regionId: string, opdId: string) => ({ PK: `REGION#${regionId}`, SK: `OPD#${opdId}${SATGAS_SUFFIX}` }),
  /** Satgas activities and risks of a region: their own partition, activities under `ACT#`, risks under `RISK#`. */
  satgasPartition: (regionId: string) => `REGION#${regionId}#SATGAS`,
  satgasActivity: (regionId: string, id: string) => ({ PK: keys.satgasPartition(regionId), SK: `ACT#${id}` }),
  satgasActivityPrefix: 'ACT#',
  satgasActivitiesOfOpd: (regionId: string, opdId: string) => `REGION#${regionId}#SATGAS#OPD#${opdId}`,
  satgasActivitiesOfElection: (regionId: string, electionId: string) => `REGION#${regionId}#SATGAS#ELECTION#${electionId}`,
  satgasRisk: (regionId: string, id: string) => ({ PK: keys.satgasPartition(regionId), SK: `RISK#${id}` }),
  satgasRisksByStatus: (regionId: string, electionId: string, status: string) => `REGION#${regionId}#SATGAS#RISKS#${electionId}#${status}`,
  // Satgas counters, like the pledge counters: one item per OPD and election in the region's partition.
  satgasCounterPrefix: (electionId: string) => `SATGAS#${electionId}#OPD#`,
  satgasCounter: (regionId: string, electionId: string, opdId: string) => ({ PK: `REGION#${regionId}`, SK: `SATGAS#${electionId}#OPD#${opdId}` }),
  /** The one signature writer's lease of a region, election and pledge text, with its write intent. */
  signatureWriter: (regionId: string, electionId: string, kind: string) => ({
    PK: `REGION#${regionId}`,
    SK: `SIGNWRITER#${electionId}#${kind}`,
  }),
};
