// The dependency lint refuses a context that reads (not only writes) another context's tables (issue 15 item 13).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDeps } from './check-deps.mjs';

const repo = path.resolve(import.meta.dirname, '..');
let tmp = '';
afterEach(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

/** A fixture repository holding only the given files. */
function tree(files) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-deps-'));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(tmp, 'packages/server/src/modules', name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return tmp;
}

const accountsSchema = "import { pgTable, uuid, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: uuid('id').primaryKey(), name: text('name') });\n";

describe('check-deps: context boundaries', () => {
  it('the repository passes', () => {
    expect(checkDeps(repo)).toEqual([]);
  });

  it('refuses a read of another context\'s table (a join, as monitoring/units.ts once did)', () => {
    const root = tree({
      'accounts/schema.ts': accountsSchema,
      'monitoring/units.ts': "import { eq } from 'drizzle-orm';\nimport { users } from '../accounts/schema.js';\nexport const names = (db) => db.select({ name: users.name }).from(users);\n",
    });
    expect(checkDeps(root)).toEqual([expect.stringMatching(/^packages\/server\/src\/modules\/monitoring\/units\.ts: imports accounts's tables .*accounts's service/)]);
  });

  it('refuses type-only, namespace, re-export and dynamic imports of another context\'s schema', () => {
    const root = tree({
      'accounts/schema.ts': accountsSchema,
      'home/a.ts': "import type { users } from '../accounts/schema.js';\nexport type U = typeof users;\n",
      'home/b.ts': "import * as accounts from '../accounts/schema';\nexport const t = accounts.users;\n",
      'home/c.ts': "export { users } from '../accounts/schema.js';\n",
      'home/d.ts': "export const load = () => import('../accounts/schema.js');\n",
    });
    expect(checkDeps(root).map((p) => p.split(':')[0])).toEqual(['a', 'b', 'c', 'd'].map((f) => `packages/server/src/modules/home/${f}.ts`));
  });

  it('allows a context its own tables, another context\'s service, and a foreign key in schema.ts', () => {
    const root = tree({
      'accounts/schema.ts': accountsSchema,
      'accounts/service.ts': "import { users } from './schema.js';\nexport const all = (db) => db.select().from(users);\n",
      'monitoring/schema.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { users } from '../accounts/schema.js';\nexport const members = pgTable('members', { userId: uuid('user_id').references(() => users.id) });\n",
      'monitoring/units.ts': "import { all } from '../accounts/service.js';\nimport { members } from './schema.js';\nexport const list = (db) => [all(db), db.select().from(members)];\n",
    });
    expect(checkDeps(root)).toEqual([]);
  });

  it('refuses a schema.ts that uses another context\'s table other than in a foreign key', () => {
    const root = tree({
      'accounts/schema.ts': accountsSchema,
      'monitoring/schema.ts': "import { pgView } from 'drizzle-orm/pg-core';\nimport { users } from '../accounts/schema.js';\nexport const v = pgView('v').as((qb) => qb.select().from(users));\n",
    });
    expect(checkDeps(root)).toEqual([expect.stringContaining('monitoring/schema.ts: uses accounts\'s table "users" other than in a foreign key')]);
  });
});
