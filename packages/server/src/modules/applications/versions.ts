/** Reading saved versions of an application and comparing two of them (what changed, field by field). */
import { and, desc, eq } from 'drizzle-orm';
import diff from 'microdiff';
import type { ApplicationContent } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { visibleApplication } from './access.js';
import { applicationProblem } from './errors.js';
import { maskContent } from './present.js';
import { applicationVersions } from './schema.js';

export async function listVersions(db: Db, auth: AuthContext, id: string) {
  await visibleApplication(db, auth, id);
  const rows = await db
    .select({ version: applicationVersions.version, contentHash: applicationVersions.contentHash, frozen: applicationVersions.frozen, savedAt: applicationVersions.savedAt })
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, id))
    .orderBy(desc(applicationVersions.version));
  return rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() }));
}

async function versionContent(db: Db, id: string, version: number): Promise<ApplicationContent> {
  const [row] = await db.select().from(applicationVersions).where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, version)));
  if (!row) throw applicationProblem('VERSION_NOT_FOUND', `没有第${version}版`);
  return row.content as ApplicationContent;
}

export async function readVersion(db: Db, auth: AuthContext, id: string, version: number) {
  await visibleApplication(db, auth, id);
  const [row] = await db.select().from(applicationVersions).where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, version)));
  if (!row) throw applicationProblem('VERSION_NOT_FOUND', `没有第${version}版`);
  return { version: row.version, contentHash: row.contentHash, frozen: row.frozen, savedAt: row.savedAt.toISOString(), content: maskContent(row.content as ApplicationContent) };
}

/** Every changed value between two versions, by dotted path, masked like any view. */
export async function compareVersions(db: Db, auth: AuthContext, id: string, from: number, to: number) {
  await visibleApplication(db, auth, id);
  const [a, b] = await Promise.all([versionContent(db, id, from), versionContent(db, id, to)]);
  const changes = diff(maskContent(a) as Record<string, unknown>, maskContent(b) as Record<string, unknown>).map((d) => ({
    path: d.path.map(String).join('.'),
    kind: (d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed') as 'added' | 'removed' | 'changed',
    before: 'oldValue' in d ? d.oldValue : null,
    after: 'value' in d ? d.value : null,
  }));
  return { from, to, changes };
}
