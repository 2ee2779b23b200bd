// The tamper-evident timeline: canonical JSON, each entry's hash chained from the previous one, and the check
// that recomputes a chain. The one definition; the report store writes with it, `report verify` checks with it.
// An entry commits to its personal values (who acted, the note) through a salted hash, so erasing a value and its
// salt (the retention purge) leaves the commitment, and the chain, checkable (docs/privacy.md).
import { createHash, randomBytes } from 'node:crypto';

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

/** The fields of an entry that may name or describe a person: erased with the report's personal data. */
export const PERSONAL_ENTRY_FIELDS = ['by', 'note'] as const;

/** The salted commitment to one personal value: hex SHA-256 of the salt, the field's name and the value. */
export function commitment(salt: string, field: string, value: string): string {
  return createHash('sha256').update(`${salt}\n${field}\n${value}`, 'utf8').digest('hex');
}

const carriesPersonal = (entry: Record<string, unknown>) => PERSONAL_ENTRY_FIELDS.some((field) => typeof entry[field] === 'string');

/** What an entry's hash covers: the entry without its hash, salt, erased commitments and former hash. An entry with a
 *  salt (or erased) covers each personal field as `salted:<commitment>`, from the value while it is there and from
 *  the kept commitment once erased; an entry stored before salting covers its values as they are. */
function hashedContent(entry: Record<string, unknown>): Record<string, unknown> {
  const { hash: _hash, salt, erased, formerHash: _former, ...content } = entry;
  if (typeof salt !== 'string' && erased === undefined) return content;
  const kept = (erased ?? {}) as Record<string, unknown>;
  for (const field of PERSONAL_ENTRY_FIELDS) {
    const value = content[field];
    if (typeof value === 'string' && typeof salt === 'string') content[field] = `salted:${commitment(salt, field, value)}`;
    else if (typeof kept[field] === 'string') content[field] = `salted:${kept[field]}`;
  }
  return content;
}

/** The entry with a fresh salt when it carries a personal value and has none yet. */
export function salted<T extends object>(entry: T): T {
  const record = entry as Record<string, unknown>;
  if (typeof record.salt === 'string' || record.erased !== undefined || !carriesPersonal(record)) return entry;
  return { ...entry, salt: randomBytes(16).toString('hex') };
}

/** The entry with its personal values and salt removed and their commitments kept (`erased`); its hash is
 *  unchanged. An entry stored before salting cannot be erased so (resalt its chain first, `resaltChain`). */
export function erasedEntry<T extends Record<string, unknown>>(entry: T): T {
  if (!carriesPersonal(entry)) return entry;
  const salt = entry.salt;
  if (typeof salt !== 'string') throw new Error('erasedEntry: an entry stored before salting; resalt the chain first');
  const copy: Record<string, unknown> = { ...entry };
  const erased: Record<string, string> = { ...((entry.erased ?? {}) as Record<string, string>) };
  for (const field of PERSONAL_ENTRY_FIELDS) {
    const value = entry[field];
    if (typeof value === 'string') erased[field] = commitment(salt, field, value);
    delete copy[field];
  }
  delete copy.salt;
  return { ...copy, erased } as unknown as T;
}

/** A chain whose entries carry personal values without a salt (stored before salting), salted and hashed again
 *  from the report id: each entry whose hash changes keeps the one it had as `formerHash` (a notice may have
 *  carried it). Null when every entry is salted already: nothing to do. */
export function resaltChain<T extends Record<string, unknown>>(reportId: string, entries: T[]): { entries: Array<T & { hash: string }>; timelineHash: string } | null {
  if (!entries.some((entry) => carriesPersonal(entry) && typeof entry.salt !== 'string' && entry.erased === undefined)) return null;
  const out: Array<T & { hash: string }> = [];
  let last = reportId;
  for (const entry of entries) {
    const next = salted(entry);
    const hash = entryHash(last, next);
    const former = typeof entry.hash === 'string' && entry.hash !== hash ? { formerHash: (entry.formerHash as string | undefined) ?? entry.hash } : {};
    out.push({ ...next, ...former, hash });
    last = hash;
  }
  return { entries: out, timelineHash: last };
}

/** hex SHA-256 of the previous hash (the report id for the first entry) followed by the entry's canonical JSON. */
export function entryHash(previous: string, entry: object): string {
  return createHash('sha256').update(previous, 'utf8').update(canonicalJson(hashedContent(entry as Record<string, unknown>)), 'utf8').digest('hex');
}

/** Hashes entries appended after `previous` (the report's timelineHash, or its id when it has none yet), each
 *  salted first when it carries a personal value. */
export function chainEntries<T extends object>(previous: string, entries: T[]): Array<T & { hash: string }> {
  const out: Array<T & { hash: string }> = [];
  let last = previous;
  for (const entry of entries.map(salted)) {
    const hash = entryHash(last, entry);
    out.push({ ...entry, hash });
    last = hash;
  }
  return out;
}

export type ChainCheck =
  | { intact: true; entries: number; timelineHash: string; /** Entries whose personal values were erased (their commitments checked). */ erased: number }
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
  return { intact: true, entries: entries.length, timelineHash: last, erased: entries.filter((entry) => entry.erased !== undefined).length };
}
