// A region netra serves and the API keys it calls with: the records the region and key stores keep.
import type { NationalBody } from './national-bodies.ts';

export interface Region {
  id: string;
  name: string;
  agencyName: string;
  /** IANA zone; absent means the province's (regionTimeZone in domain/time-zones.ts). */
  timeZone?: string;
}

export interface ApiKeyRecord {
  keyId: string;
  /** The region the key belongs to; for a national body's key, its holder id (nationalHolder in use-cases/keys.ts). */
  regionId: string;
  /** Set on a national body's key: it calls only /v1/national/... */
  body?: NationalBody;
  createdAt: string;
  revokedAt?: string;
}
