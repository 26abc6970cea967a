/**
 * The bureau's programmes as issued (Beilun 2024 revision, Ningbo 2025 special projects, 科创甬江2035),
 * seeded in every mode because they are policy, not demo data; plus this year's budget line per programme.
 * Idempotent.
 */
import { ruleSetInForce, SEED_PROGRAMMES, shanghaiDate } from '@kechuang/domain';
import type { Db } from '../client.js';
import { SYSTEM_ACTOR } from '../../modules/audit/record.js';
import { seedBudget } from '../../modules/programmes/budget.js';
import { findProgramme, seedProgrammeDefinitions } from '../../modules/programmes/service.js';

export async function seedProgrammes(db: Db, now = new Date()): Promise<number> {
  const actor = { ...SYSTEM_ACTOR, name: 'system.seed' };
  return db.transaction(async (tx) => {
    let added = await seedProgrammeDefinitions(tx, actor, SEED_PROGRAMMES);
    const year = Number(shanghaiDate(now).slice(0, 4));
    for (const def of SEED_PROGRAMMES) {
      const version = ruleSetInForce(def, now);
      if (!version) continue;
      const p = await findProgramme(tx, def.code);
      if (await seedBudget(tx, actor, p.id, def.code, year, version.parameters.annualBudgetYuan)) added++;
    }
    return added;
  });
}
