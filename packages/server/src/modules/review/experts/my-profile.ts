/** 我的专家信息: the signed-in expert reads and keeps their own profile (never their name, ID number or status). */
import { eq } from 'drizzle-orm';
import { changedFields, type ExpertSelf, type ExpertSelfProfile } from '@kechuang/domain';
import type { Db, Tx } from '../../../db/client.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { experts } from '../schema.js';
import { assertKnownFields, auditedProfile, presentSelf, type ExpertRow } from './expert-rows.js';

async function ownRow(db: Tx, userId: string, forUpdate = false): Promise<ExpertRow> {
  const q = db.select().from(experts).where(eq(experts.userId, userId));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw reviewProblem('EXPERT_PROFILE_MISSING');
  return row;
}

export async function readMyProfile(db: Db, userId: string): Promise<ExpertSelf> {
  return presentSelf(await ownRow(db, userId));
}

export async function updateMyProfile(db: Db, actor: Actor, userId: string, input: ExpertSelfProfile): Promise<ExpertSelf> {
  return db.transaction(async (tx) => {
    const before = await ownRow(tx, userId, true);
    await assertKnownFields(tx, input.fields);
    const [after] = await tx
      .update(experts)
      .set({
        title: input.title,
        organisationName: input.organisationName,
        organisationCreditCode: input.organisationCreditCode || null,
        region: input.region,
        fields: input.fields,
        keywords: input.keywords,
        consortia: input.consortia,
        available: input.available,
        declaredConflicts: input.declaredConflicts,
        updatedAt: new Date(),
      })
      .where(eq(experts.id, before.id))
      .returning();
    const changes = changedFields(auditedProfile(before), auditedProfile(after!));
    if (Object.keys(changes).length) await recordAudit(tx, actor, { action: 'review.expert.update', entityType: 'expert', entityId: before.id, changes, detail: { by: 'self' } });
    return presentSelf(after!);
  });
}
