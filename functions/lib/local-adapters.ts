// The slot for local mode's adapters (filled by infra/local/adapters.ts). It loads nothing itself, so
// registering happens before, and independently of, the configuration being read.
import type { Config } from './config.ts';
import type { RuntimeDependencies } from './dependencies.ts';

type Base = Omit<RuntimeDependencies, 'mailer' | 'workflow' | 'links' | 'local'>;
/** The local stand-ins, and optionally the report store wrapped (the local console's event lines). */
export type LocalAdapters = (base: Base, cfg: Config) => Pick<RuntimeDependencies, 'mailer' | 'workflow' | 'links' | 'local'> & Partial<Pick<RuntimeDependencies, 'reports'>>;

let registered: LocalAdapters | undefined;

export function registerLocalAdapters(factory: LocalAdapters): void {
  registered = factory;
}

export function localAdapters(): LocalAdapters {
  if (!registered) throw new Error('local mode: import infra/local/adapters.ts before the handlers');
  return registered;
}
