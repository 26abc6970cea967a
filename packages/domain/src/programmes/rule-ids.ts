/** Which POLICY.md rule a kind of check cites when a rule set does not say (see RuleSetParameters.ruleIds). */
import type { RuleRefKind, RuleSetParameters } from './types.js';

/** The catalogue rule that first defined each kind of check; seed versions override where theirs differs. */
export const DEFAULT_RULE_IDS: Record<RuleRefKind, string> = {
  category: 'BL-2',
  lead: 'BL-2',
  field: 'BL-3',
  ratio: 'BL-5',
  cap: 'BL-6',
  range: 'NB-10',
  matching: 'NB-10',
  selfRaised: 'BL-6',
  duration: 'NB-2',
  overlap: 'BL-7',
  budget: 'BL-4',
  industrialisation: 'NB-5',
  outOfCity: 'NB-6',
  chain: 'NB-4',
};

/** Rule IDs for one parameter set, every kind filled in. */
export function ruleIdsOf(parameters: Pick<RuleSetParameters, 'ruleIds'>): Record<RuleRefKind, string> {
  return { ...DEFAULT_RULE_IDS, ...parameters.ruleIds };
}
