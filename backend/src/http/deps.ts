import type { Db } from '../store/connect.ts';
import type { Config } from '../config.ts';

/** What the routes need from outside: the store, the clock (tests move it) and the configuration. */
export interface Deps {
  handle: Db;
  clock: () => number;
  config: Pick<Config, 'publicUrl' | 'bodyLimitBytes' | 'demo'>;
}
