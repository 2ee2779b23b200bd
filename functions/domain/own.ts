// Records keyed by a caller's value (an OPD id, a ceremony id, a header or query name): no name is special, so
// `toString`, `constructor` or `__proto__` is an ordinary key, never a property of Object.prototype.

/** An empty record with no prototype: writing any key makes an own property, reading a missing one is undefined. */
export function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The record's own value at `key`, whatever its prototype (a JSON-parsed or copied record has Object's). */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
