import type { B } from './zz-probe-b.ts';
export type A = { b?: B };
