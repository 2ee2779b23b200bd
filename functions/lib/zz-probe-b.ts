import type { A } from './zz-probe-a.ts';
export type B = { a?: A };
