/** The post-award settings governing a project: those of the rule-set version its call was published under (BL-1). */
import { postAwardSettingsOf, type PostAwardSettings, type RuleSetParameters } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { callRuleVersion, ruleVersionParameters } from '../programmes/call-queries.js';
import type { ProjectRow } from './lifecycle.js';

export async function projectSettings(db: Tx, project: Pick<ProjectRow, 'ruleVersionId' | 'callId'>): Promise<PostAwardSettings> {
  const parameters = project.ruleVersionId ? await ruleVersionParameters(db, project.ruleVersionId) : (await callRuleVersion(db, project.callId))?.parameters;
  return postAwardSettingsOf((parameters ?? {}) as Partial<RuleSetParameters>);
}
