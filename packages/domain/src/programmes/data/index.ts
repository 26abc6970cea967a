/** The programmes seeded from the policy documents in /seeds, as typed rule-set data. */
import type { ProgrammeDefinition } from '../types.js';
import { BEILUN_KCT } from './beilun-kct.js';
import { NB_2025 } from './nb-2025.js';
import { YJ_2035 } from './yj-2035.js';

export { BEILUN_KCT } from './beilun-kct.js';
export { NB_2025 } from './nb-2025.js';
export { YJ_2035, YJ_MAX_CLASS_CEILING_YUAN, yjSubsidyClass } from './yj-2035.js';

/** Frozen: they are shared by every caller in the process, and a stray write would change policy for all. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const SEED_PROGRAMMES: readonly ProgrammeDefinition[] = deepFreeze([BEILUN_KCT, NB_2025, YJ_2035]);
