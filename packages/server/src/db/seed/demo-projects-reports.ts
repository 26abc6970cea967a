/**
 * Demo step (演示) of progress reports: the report schedule of every signed demo project, materialised through the
 * same refresh the project page and the daily job use. Nothing is filled in or backdated: the demo projects started
 * recently, so their first report windows lie in the future and show as 未开放 with their dates.
 */
import type { Db } from '../client.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import { refreshProjectReports } from '../../modules/projects/reports-schedule.js';
import type { DemoProjects } from './demo-projects.js';

export async function seedDemoProjectReports(db: Db, demo: DemoProjects): Promise<void> {
  for (const id of demo.signed) {
    await db.transaction(async (tx) => refreshProjectReports(tx, await findProject(tx, id, { forUpdate: true }), demo.now));
  }
}
