/** What every route module receives: the database and the settings that shape responses. */
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { JobSender } from '../jobs/queue.js';

export interface AppContext {
  database: Database;
  config: Config;
  version: string;
  /** The job queue, when this process runs one; routes then send work to it after their transaction commits. */
  jobs?: JobSender | undefined;
}
