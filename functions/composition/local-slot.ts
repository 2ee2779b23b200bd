// The slot for local mode's adapters (filled by infra/local/adapters.ts). It loads nothing itself, so
// registering happens before, and independently of, the configuration being read.
import type { LocalAdapters } from './types.ts';

export type { LocalAdapters };

let registered: LocalAdapters | undefined;

export function registerLocalAdapters(factory: LocalAdapters): void {
  registered = factory;
}

export function localAdapters(): LocalAdapters {
  if (!registered) throw new Error('local mode: import infra/local/adapters.ts before the handlers');
  return registered;
}
