import type { Config } from '#lib/config';
export type Probe = Config;
