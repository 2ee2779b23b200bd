// What a case file holds: the use case gathers it, views/case-file.ts renders it.
import type { Report } from './report.schema.ts';
import type { ChainCheck } from './timeline-chain.ts';

export interface CaseFileData {
  report: Report;
  region: { id: string; name: string; agencyName: string };
  opdName: string;
  timeZone: string;
  chain: ChainCheck;
  producedAt: Date;
}
