/** The plans under monitoring as issued, seeded in every mode because they are policy, not demo data. Idempotent. */
import { RESPONSIBLE_UNITS, SEED_PLANS } from '@kechuang/domain';
import type { Db } from '../client.js';
import { SYSTEM_ACTOR } from '../../modules/audit/record.js';
import { seedPlanDefinitions, seedUnits } from '../../modules/monitoring/seed.js';

export async function seedPlans(db: Db): Promise<number> {
  const actor = { ...SYSTEM_ACTOR, name: 'system.seed' };
  return db.transaction(async (tx) => (await seedUnits(tx, actor, RESPONSIBLE_UNITS)) + (await seedPlanDefinitions(tx, actor, SEED_PLANS)));
}
