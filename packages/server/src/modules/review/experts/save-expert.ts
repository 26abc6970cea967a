/** An officer adds an expert to the pool (pending until activated) or edits one; each write is audited. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { changedFields, type Expert, type ExpertProfile, type ExpertUpdate } from '@kechuang/domain';
import type { Db } from '../../../db/client.js';
import { uniqueViolation } from '../../../db/errors.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { experts } from '../schema.js';
import { assertIdNumberFree, assertKnownFields, auditedProfile, findExpert, presentExpert } from './expert-rows.js';

/** The columns a profile fills (an empty credit code is stored as null: no organisation to match for 回避). */
export function profileColumns(p: ExpertProfile) {
  return {
    name: p.name,
    idNumber: p.idNumber,
    title: p.title,
    organisationName: p.organisationName,
    organisationCreditCode: p.organisationCreditCode || null,
    region: p.region,
    fields: p.fields,
    keywords: p.keywords,
    consortia: p.consortia,
    available: p.available,
    declaredConflicts: p.declaredConflicts,
    phone: p.phone,
    email: p.email,
  };
}

const idTaken = (e: unknown) => {
  if (uniqueViolation(e) === 'experts_id_number_idx') throw reviewProblem('EXPERT_ID_NUMBER_TAKEN', undefined, [{ field: 'idNumber', message: '该身份证号码已在专家库中' }]);
  throw e;
};

export async function createExpert(db: Db, actor: Actor, input: ExpertProfile): Promise<Expert> {
  return db
    .transaction(async (tx) => {
      await assertKnownFields(tx, input.fields);
      await assertIdNumberFree(tx, input.idNumber);
      const now = new Date();
      const [row] = await tx.insert(experts).values({ id: randomUUID(), ...profileColumns(input), status: 'pending', createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, actor, { action: 'review.expert.create', entityType: 'expert', entityId: row!.id, changes: changedFields(null, { ...auditedProfile(row!), status: 'pending' }) });
      return presentExpert(tx, row!);
    })
    .catch(idTaken);
}

export async function updateExpert(db: Db, actor: Actor, id: string, input: ExpertUpdate): Promise<Expert> {
  return db
    .transaction(async (tx) => {
      const before = await findExpert(tx, id, { forUpdate: true });
      await assertKnownFields(tx, input.fields);
      if (input.idNumber) await assertIdNumberFree(tx, input.idNumber, id);
      const columns = profileColumns({ ...input, idNumber: input.idNumber ?? before.idNumber ?? '' });
      const [after] = await tx.update(experts).set({ ...columns, idNumber: input.idNumber ?? before.idNumber, updatedAt: new Date() }).where(eq(experts.id, id)).returning();
      const changes = changedFields(auditedProfile(before), auditedProfile(after!));
      if (Object.keys(changes).length) await recordAudit(tx, actor, { action: 'review.expert.update', entityType: 'expert', entityId: id, changes });
      return presentExpert(tx, after!);
    })
    .catch(idTaken);
}
