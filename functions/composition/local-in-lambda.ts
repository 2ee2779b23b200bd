// What `#composition/local` is in a Lambda bundle (esbuild's `netra-lambda` condition, package.json "imports"):
// no local adapter, so no bundle carries the workflow runner, the outbox or the file keys. NETRA_MODE=local runs
// unbundled (npm start, the tests, the benchmarks), where the name is local.ts.
import type { Config } from '#lib/config';
import type { Base, RuntimeDependencies } from './types.ts';

export function localAdapters(_base: Base, _cfg: Config): Omit<RuntimeDependencies, keyof Base> {
  throw new Error('NETRA_MODE=local runs unbundled (npm start, the tests); a Lambda bundle carries only the AWS adapters');
}
