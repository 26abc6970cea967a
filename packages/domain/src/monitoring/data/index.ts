/** The plans seeded from the documents in /seeds (YZ-1, YZ-2, P315-1, P315-2), as typed data. */
import type { PlanDef } from '../types.js';
import { deepFreeze } from './freeze.js';
import { NB_315 } from './nb-315.js';
import { YZ_13 } from './yz-13.js';
import { YZ_14 } from './yz-14.js';

export { NB_315 } from './nb-315.js';
export { YZ_13 } from './yz-13.js';
export { YZ_14 } from './yz-14.js';
export { RESPONSIBLE_UNITS, responsibleUnit, responsibleUnitName } from './units.js';

/** yz-13 (completed 2016–2020), yz-14 (2021–2025), nb-315 (2023–2027); deep-frozen. */
export const SEED_PLANS: readonly PlanDef[] = deepFreeze([YZ_13, YZ_14, NB_315]);

export function seedPlan(code: string): PlanDef | undefined {
  return SEED_PLANS.find((p) => p.code === code);
}
