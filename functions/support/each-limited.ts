// Work over a list with a bound on how much runs at once: a scan that reads item by item goes several times
// faster, without one caller taking every socket of the process's DynamoDB client.

/** Calls `fn` for each item, at most `limit` at a time, in the list's order of starting; resolves when every call
 *  has ended. `fn` handles its own errors: one that throws rejects the whole (the others still run to their end). */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
