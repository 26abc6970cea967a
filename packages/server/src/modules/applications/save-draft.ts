/**
 * Versioned autosave: every save is kept as a version; a save must name the version it started from, and a
 * stale one is refused with 409 carrying both versions, never silently overwriting the newer one.
 */
import { isApplicationEditable, canActAs, withStoredAttachments, type ApplicationContent, type ApplicationState } from '@kechuang/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { compiledStatement } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { visibleApplication } from './access.js';
import { storedAttachments } from './attachments.js';
import { contentHash } from './content-hash.js';
import { applicationProblem } from './errors.js';
import { maskContent, unmaskContent } from './present.js';
import { applications, applicationVersions } from './schema.js';

/**
 * The version and the working row in one statement: one round trip, and the content is serialised and sent
 * once (the row takes it from the inserted version); a data-modifying WITH always runs to completion.
 * Compiled once (db/compiled.ts): autosave is the commonest request at a deadline.
 */
const saveVersion = compiledStatement('save_draft_version', (db) => {
  const p = sql.placeholder;
  const insert = db.insert(applicationVersions).values({ applicationId: p('id'), version: p('version'), content: p('content'), contentHash: p('hash'), savedBy: p('savedBy'), savedAt: p('savedAt') }).returning({ content: applicationVersions.content });
  const advance = db.update(applications).set({ content: sql`(select content from saved)`, currentVersion: p('version') as unknown as number, updatedAt: p('savedAt') as unknown as Date }).where(and(eq(applications.id, p('id')), eq(applications.currentVersion, p('baseVersion'))));
  return sql`with saved as (${insert.getSQL()}) ${advance.getSQL()}`;
});

export async function saveDraft(db: Db, auth: AuthContext, actor: Actor, id: string, input: { baseVersion: number; content: ApplicationContent }, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    if (!canActAs(auth.roles, 'applicant') || row.organisationId !== auth.user.organisationId) throw applicationProblem('ACTION_FORBIDDEN', '只有申报单位可以修改申报书');
    if (!isApplicationEditable(row.state as ApplicationState)) throw applicationProblem('APPLICATION_NOT_EDITABLE', '只有草稿或被退回的申报书可以修改');
    if (input.baseVersion !== row.currentVersion) {
      throw applicationProblem('VERSION_CONFLICT', `您编辑的是第${input.baseVersion}版，此后已保存了第${row.currentVersion}版。请对照两个版本后再保存。`, undefined, {
        currentVersion: row.currentVersion,
        baseVersion: input.baseVersion,
        current: maskContent(row.content as ApplicationContent),
        yours: maskContent(input.content),
      });
    }
    // Attachments are uploaded files, managed by their own endpoints: a save records the stored set, whatever it sends.
    const content = withStoredAttachments(unmaskContent(input.content, row.content as ApplicationContent), await storedAttachments(tx, id));
    const version = row.currentVersion + 1;
    const hash = contentHash(content);
    await saveVersion(tx, { id, version, content, hash, savedBy: auth.user.id, savedAt: now, baseVersion: row.currentVersion });
    await recordAudit(tx, actor, { action: 'application.save', entityType: 'application', entityId: id, detail: { version, contentHash: hash } });
    return { version, savedAt: now.toISOString(), contentHash: hash };
  });
}
