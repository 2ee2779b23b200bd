// The slot for local mode's adapters (filled by infra/local/adapters.ts, and read by the composition root on a
// function's first use of its dependencies: registering needs only come before the first request, not before
// handlers are imported). It loads nothing itself, so no Lambda bundle carries a local adapter.
import type { LocalAdapters } from './types.ts';

export type { LocalAdapters };

let registered: LocalAdapters | undefined;

export function registerLocalAdapters(factory: LocalAdapters): void {
  registered = factory;
}

export function localAdapters(): LocalAdapters {
  if (!registered) throw new Error('local mode: import infra/local/adapters.ts before the first request');
  return registered;
}
