/** A category's funding and eligibility parameters in plain Chinese, as the public and the officer read them. */
import { ENTERPRISE_TIER_LABELS, formatRatio, ORGANISATION_TYPE_LABELS, type CategoryRule } from '@kechuang/domain';
import { wanText } from './wan';

/** '财政补助不超过研发总投入的30%，最高500万元'. */
export function fundingSentence(c: CategoryRule): string {
  const parts: string[] = [];
  if (c.subsidyRatio) parts.push(`财政补助不超过研发总投入的${formatRatio(c.subsidyRatio)}`);
  if (c.minYuan !== null && c.capYuan !== null) parts.push(`支持强度${wanText(c.minYuan)}至${wanText(c.capYuan)}`);
  else if (c.capYuan !== null) parts.push(`${parts.length ? '' : '财政补助'}最高${wanText(c.capYuan)}`);
  else if (c.minYuan !== null) parts.push(`支持强度不低于${wanText(c.minYuan)}`);
  return parts.length ? parts.join('，') : '本类别未设补助比例和上限';
}

/** '企业（龙头企业）'; '不限' when the category admits anyone. */
export function leadSentence(c: CategoryRule): string {
  const types = c.leadOrganisationTypes.map((t) => ORGANISATION_TYPE_LABELS[t] ?? t).join('、');
  const tiers = c.leadTiers.map((t) => ENTERPRISE_TIER_LABELS[t] ?? t).join('或');
  if (!types && !tiers) return '不限';
  if (!tiers) return types;
  return `${types || '单位'}（须为${tiers}）`;
}

/** Every rule of the category as a short sentence, in the order the documents state them. */
export function categorySentences(c: CategoryRule): string[] {
  const out = [fundingSentence(c)];
  if (c.minMatchingMultiple !== null) out.push(`自筹经费不少于财政经费的${c.minMatchingMultiple}倍（配套比例1:${c.minMatchingMultiple}）`);
  if (c.maxDurationMonths !== null) out.push(`实施期不超过${c.maxDurationMonths}个月`);
  out.push(`牵头单位：${leadSentence(c)}`);
  if (c.industrialisationOriented) out.push('产业化导向：须由企业牵头，联合高校或科研院所共同实施');
  return out;
}
