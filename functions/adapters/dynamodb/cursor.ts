// Opaque list cursors: a Query's last key, encoded, and only ever taken back for the caller's own partition.
import { InputError } from '#domain/errors';

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor continues from; 400 (`cursor`) unless it has exactly the key attributes of the query it came
 *  from (`PK`, `SK` and, on an index, its two) as strings, and names the caller's partition. */
export function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Record<string, string> {
  const invalid = new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid;
  const entries = Object.entries(key);
  const allowed = new Set(['PK', 'SK', partitionAttribute, partitionAttribute.replace('PK', 'SK')]);
  if (entries.length !== allowed.size || entries.some(([k, v]) => !allowed.has(k) || typeof v !== 'string')) throw invalid;
  // A cursor only ever continues the caller's own region's list.
  if ((key as Record<string, string>)[partitionAttribute] !== partition) throw invalid;
  return key as Record<string, string>;
}
