/**
 * The last execution demo step (演示): a performance evaluation (绩效评价) of a closed demo project, and one
 * research-integrity record (科研失信) that blocks a demo application — demo-a's draft gets a leader of its own
 * (孙演示), and the record bans that person, so submitting the draft is refused naming the record. Through the real
 * use cases; every free text says 演示.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { PERFORMANCE_ELIGIBLE_STATES, addDays, residentIdCheckChar, shanghaiDayOf, type ApplicationContent, type TaskBookContent } from '@kechuang/domain';
import type { Db } from '../client.js';
import { saveDraft } from '../../modules/applications/save-draft.js';
import { applications } from '../../modules/applications/schema.js';
import { createIntegrityRecord } from '../../modules/projects/integrity-records.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import { projectPerformance, recordPerformanceEvaluation } from '../../modules/projects/performance-evaluation.js';
import { taskBookInForce } from '../../modules/projects/task-book-store.js';
import { authOf } from './demo-applications.js';
import type { DemoProjects } from './demo-projects.js';

const BANNED_FIRST17 = '33020619850615073';
/** The 演示 leader banned by the demo record (a valid resident ID nobody else in the demo has). */
export const DEMO_BANNED_LEADER_ID = BANNED_FIRST17 + residentIdCheckChar(BANNED_FIRST17)!;

export async function seedDemoIntegrity(db: Db, demo: DemoProjects): Promise<void> {
  const officer = await authOf(db, 'officer');
  await seedDemoEvaluation(db, demo);

  // demo-a's draft (演示，草稿): its leader becomes 孙演示, whom the record below bans.
  const demoA = await authOf(db, 'demo-a').catch(() => null);
  const organisationId = demoA?.auth.user.organisationId;
  if (!demoA) return;
  if (!organisationId) return;
  const [draft] = await db.select().from(applications).where(and(eq(applications.organisationId, organisationId), eq(applications.state, 'draft'), sql`${applications.content} -> 'basic' ->> 'title' like '%演示，草稿%'`)).orderBy(asc(applications.applicationNo)).limit(1);
  if (!draft) return;
  const content = draft.content as ApplicationContent;
  await saveDraft(db, demoA.auth, demoA.actor, draft.id, { baseVersion: draft.currentVersion, content: { ...content, team: { ...content.team!, leader: { ...content.team!.leader!, name: '孙演示', idNumber: DEMO_BANNED_LEADER_ID } } } }, demo.now);
  await createIntegrityRecord(db, officer.auth, officer.actor, {
    subjectKind: 'person',
    subjectName: '孙演示',
    subjectKey: DEMO_BANNED_LEADER_ID,
    behaviourCode: 'falseMaterials',
    severity: 'serious',
    measure: '三年内不得申报或参与区级科技计划项目（演示）',
    decisionNo: '仑科信〔演示〕1号',
    decisionDate: addDays(shanghaiDayOf(demo.now), -30),
    note: '演示数据：该负责人牵头的草稿申报书提交时将被阻止。',
  }, demo.now);
}

/** The first closed (or accepting) demo project with a task book in force gets its evaluation; none closed, none evaluated. */
export async function seedDemoEvaluation(db: Db, demo: DemoProjects): Promise<void> {
  const officer = await authOf(db, 'officer');
  for (const role of ['accepted', 'failed', 'terminated'] as const) {
    const project = await findProject(db, demo.byRole[role]);
    if (!(PERFORMANCE_ELIGIBLE_STATES as readonly string[]).includes(project.state)) continue;
    const book = await taskBookInForce(db, project.id);
    const form = await projectPerformance(db, officer.auth, project.id);
    if (!book || form.evaluation) continue;
    const indicators = (book.content as TaskBookContent).indicators;
    // Accepted: every target met; otherwise about half of each target.
    const achieved = (target: string) => (role === 'accepted' ? target : String(Math.floor(Number(/\d+(?:\.\d+)?/.exec(target)?.[0] ?? '0') / 2)));
    await recordPerformanceEvaluation(db, officer.auth, officer.actor, project.id, {
      indicators: indicators.map((i, index) => ({ index, achieved: achieved(i.targetValue), met: role === 'accepted' })),
      scores: role === 'accepted' ? { benefit: 8800, budget: 9000, management: 9200 } : { benefit: 5000, budget: 6000, management: 5500 },
      comment: role === 'accepted' ? '任务书指标全部完成，经费使用规范（演示）' : '主要指标未完成（演示）',
    }, demo.now);
    return;
  }
}
