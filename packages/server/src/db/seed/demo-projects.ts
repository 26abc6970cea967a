/**
 * The execution demo (演示): the projects approved by the review demo's 「演示·已立项批次」, each driven through the
 * real use cases into one stage of its life, so every screen of execution has something to show. Each part of
 * execution adds one step here (one line), in the order the life runs; a step acts only on the projects whose
 * role it needs. Runs once, on a fresh seed, right after the demo approval.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { projects } from '../../modules/projects/schema.js';
import { demoProjectChanges } from './demo-projects-changes.js';
import { demoMidterm } from './demo-projects-midterm.js';
import { demoFirstInstalments } from './demo-projects-funds.js';
import { seedDemoProjectReports } from './demo-projects-reports.js';
import { demoTaskBooks } from './demo-projects-task-book.js';
import { demoAcceptance } from './demo-projects-acceptance.js';
import { seedDemoIntegrity } from './demo-projects-integrity.js';

/** One demo project per stage the issue asks to see; the remaining approved projects are plain `executing` ones. */
export const DEMO_PROJECT_ROLES = ['awaitingSignature', 'executing', 'changePending', 'midterm', 'terminated', 'accepted', 'failed'] as const;
export type DemoProjectRole = (typeof DEMO_PROJECT_ROLES)[number];

export interface DemoProjects {
  roundId: string;
  /** Project id by role, in project-number order of the approved batch. */
  byRole: Record<DemoProjectRole, string>;
  /** Every approved project of the batch except the one awaiting signature (the ones a signing step signs). */
  signed: string[];
  /** The approval instant; steps date their actions after it (never in the future). */
  now: Date;
}

export interface DemoProjectStep {
  part: string;
  run: (db: Db, demo: DemoProjects) => Promise<void>;
}

/** In the order a project's life runs: task book, money, reports, changes, mid-term/termination, acceptance, evaluation, integrity. */
export const DEMO_PROJECT_STEPS: DemoProjectStep[] = [
  { part: 'taskBook', run: demoTaskBooks },
  { part: 'funds', run: async (db, demo) => void (await demoFirstInstalments(db, demo)) },
  { part: 'reports', run: seedDemoProjectReports },
  { part: 'changes', run: demoProjectChanges },
  { part: 'midterm', run: demoMidterm },
  { part: 'acceptance', run: demoAcceptance },
  { part: 'integrity', run: seedDemoIntegrity },
];

export async function demoProjectsOfRound(db: Db, roundId: string, now: Date): Promise<DemoProjects | null> {
  const rows = await db.select({ id: projects.id }).from(projects).where(eq(projects.roundId, roundId)).orderBy(asc(projects.projectNo));
  if (rows.length < DEMO_PROJECT_ROLES.length) return null;
  const byRole = Object.fromEntries(DEMO_PROJECT_ROLES.map((r, i) => [r, rows[i]!.id])) as Record<DemoProjectRole, string>;
  return { roundId, byRole, signed: rows.map((r) => r.id).filter((id) => id !== byRole.awaitingSignature), now };
}

export async function seedDemoProjects(db: Db, roundId: string, now = new Date()): Promise<DemoProjects | null> {
  const demo = await demoProjectsOfRound(db, roundId, now);
  if (!demo) return null;
  for (const step of DEMO_PROJECT_STEPS) await step.run(db, demo);
  return demo;
}
