/** What every route module receives: the database and the settings that shape responses. */
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';

export interface AppContext {
  database: Database;
  config: Config;
  version: string;
}
