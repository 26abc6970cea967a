/** 我要申报: a draft for the caller's organisation on one guideline item and category of an open call. */
import { randomUUID } from 'node:crypto';
import { hasPermission, isCallOpen, shanghaiDate, type ApplicationContent, type CallStatus } from '@kechuang/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { loadCallContext } from './call-context.js';
import { contentHash } from './content-hash.js';
import { applicationProblem } from './errors.js';
import { applications, applicationVersions } from './schema.js';

export interface CreateApplicationInput {
  callId: string;
  guidelineItemCode: string;
  categoryCode: string;
}

export async function createApplication(db: Db, auth: AuthContext, actor: Actor, input: CreateApplicationInput, now = new Date()): Promise<string> {
  const organisationId = auth.user.organisationId;
  if (!organisationId || !hasPermission(auth.roles, 'application.apply')) throw applicationProblem('NO_ORGANISATION');
  return db.transaction(async (tx) => {
    const ctx = await loadCallContext(tx, input.callId, now);
    // A call never published is the bureau's working paper: it does not exist for an applicant.
    if (ctx.call.publishedAt === null) throw applicationProblem('CALL_NOT_OPEN', '申报指南不存在或尚未发布');
    if (!isCallOpen({ ...ctx.call, status: ctx.call.status as CallStatus }, now)) throw applicationProblem('CALL_NOT_OPEN', '申报指南不在申报时间内（尚未开始或已截止），不能新建申报书');
    const item = ctx.items.find((i) => i.code === input.guidelineItemCode);
    if (!item) throw applicationProblem('GUIDELINE_ITEM_NOT_FOUND', `本指南没有条目“${input.guidelineItemCode}”`, [{ field: 'guidelineItemCode', message: '请选择本指南的条目' }]);
    if (!ctx.call.categoryCodes.includes(input.categoryCode)) throw applicationProblem('CATEGORY_NOT_IN_CALL', `本指南不受理类别“${input.categoryCode}”`, [{ field: 'categoryCode', message: '请选择本指南受理的类别' }]);

    const content: ApplicationContent = { basic: { categoryCode: input.categoryCode, guidelineItemCode: item.code, ...(item.fieldCode ? { fieldCode: item.fieldCode } : {}) } };
    const res = (await tx.execute(sql`select nextval('application_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
    const applicationNo = `SB-${shanghaiDate(now).slice(0, 4)}-${String(res.rows[0]!.n).padStart(6, '0')}`;
    const id = randomUUID();
    await tx.insert(applications).values({ id, applicationNo, callId: ctx.call.id, guidelineItemId: item.id, categoryCode: input.categoryCode, organisationId, state: 'draft', currentVersion: 1, content, createdBy: auth.user.id, createdAt: now, updatedAt: now });
    await tx.insert(applicationVersions).values({ applicationId: id, version: 1, content, contentHash: contentHash(content), savedBy: auth.user.id, savedAt: now });
    await recordAudit(tx, actor, { action: 'application.create', entityType: 'application', entityId: id, detail: { applicationNo, callId: ctx.call.id, guidelineItem: item.code, category: input.categoryCode, organisationId } });
    return id;
  });
}
