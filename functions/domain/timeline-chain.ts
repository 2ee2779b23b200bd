// The tamper-evident timeline: canonical JSON, each entry's hash chained from the previous one, and the check
// that recomputes a chain. The one definition; the report store writes with it, `report verify` checks with it.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code units, recursively), no white space, and undefined members
 *  left out, as JSON.stringify does. Arrays keep their order. The same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/** The fields of an entry that are not part of what its hash covers: the hash itself. */
function hashedContent(entry: Record<string, unknown>): Record<string, unknown> {
  const { hash: _hash, ...content } = entry;
  return content;
}

/** hex SHA-256 of the previous hash (the report id for the first entry) followed by the entry's canonical JSON. */
export function entryHash(previous: string, entry: object): string {
  return createHash('sha256').update(previous, 'utf8').update(canonicalJson(hashedContent(entry as Record<string, unknown>)), 'utf8').digest('hex');
}

/** Hashes entries appended after `previous` (the report's timelineHash, or its id when it has none yet). */
export function chainEntries<T extends object>(previous: string, entries: T[]): Array<T & { hash: string }> {
  const out: Array<T & { hash: string }> = [];
  let last = previous;
  for (const entry of entries) {
    const hash = entryHash(last, entry);
    out.push({ ...entry, hash });
    last = hash;
  }
  return out;
}

export type ChainCheck =
  | { intact: true; entries: number; timelineHash: string }
  | {
      intact: false;
      /** 0-based position of the first entry whose stored hash is not the recomputed one (entries.length: the report's timelineHash). */
      index: number;
      entry?: { at?: unknown; action?: unknown };
      stored: string | undefined;
      expected: string;
    };

/** Recomputes the chain of a report's entries (in timeline order) and names the first that does not match. */
export function verifyChain(reportId: string, entries: Array<Record<string, unknown>>, timelineHash: string | undefined): ChainCheck {
  let last = reportId;
  for (const [index, entry] of entries.entries()) {
    const expected = entryHash(last, entry);
    if (entry.hash !== expected) {
      return { intact: false, index, entry: { at: entry.at, action: entry.action }, stored: entry.hash as string | undefined, expected };
    }
    last = expected;
  }
  if (timelineHash !== last) return { intact: false, index: entries.length, stored: timelineHash, expected: last };
  return { intact: true, entries: entries.length, timelineHash: last };
}
