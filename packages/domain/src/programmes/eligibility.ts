/**
 * Eligibility of an application under one rule-set version and call: who may lead (BL-2, NB-5), who may
 * undertake from outside the home region (NB-6), duration (NB-2), field and chain placement (BL-3/NB-1,
 * NB-4) and the call's required fields and attachments ('CALL'). Every failed condition is returned.
 */
import { ORGANISATION_TYPE_LABELS, type OrganisationType } from '../organisations/schemas.js';
import { ENTERPRISE_TIER_LABELS } from './labels.js';
import { ATTACHMENT_KIND_LABELS } from './proposal-template.js';
import { ruleIdsOf } from './rule-ids.js';
import type { EnterpriseTier, RuleSetVersion } from './types.js';

export interface EligibilityUnit {
  name?: string;
  organisationType: OrganisationType;
  /** Registered location as the organisation profile holds it, e.g. '浙江省宁波市北仑区'. */
  region: string;
}

export interface EligibilityInput {
  /** The lead unit (牵头单位) and the tiers it holds (BL-2). */
  lead: EligibilityUnit & { tiers: EnterpriseTier[] };
  /** Joint undertakers (联合承担单位). */
  partners?: EligibilityUnit[];
  /** NB-5 applies per project/topic: the application's own orientation; defaults to its category's. */
  industrialisationOriented?: boolean;
  durationMonths?: number;
  fieldCode?: string;
  subDirection?: string;
  /** NB-4: the task's place on the industry chain and the innovation chain. */
  chain?: { industryChain?: string; innovationChain?: string };
  /** NB-6: commitments an out-of-region undertaker must give. */
  outOfCityCommitments?: { resultsTransferredLocally: boolean; companyRegisteredLocally: boolean };
  /** What the call demands: form field keys and attachment kinds, optional local-only rule and field list. */
  call?: { requiredFieldKeys: string[]; requiredAttachmentKinds: string[]; fieldLabels?: Record<string, string>; localOnly?: boolean; fieldCodes?: string[] };
  /** What the application supplies. */
  supplied?: { fieldKeys: string[]; attachmentKinds: string[] };
}

export interface EligibilityProblem {
  rule: string;
  message: string;
  field?: string;
}

export interface EligibilityResult {
  eligible: boolean;
  problems: EligibilityProblem[];
}

const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * Whether a free-text region lies in the home region. '宁波市北仑区…' counts for home '浙江省宁波市北仑区':
 * profiles are typed by people, who often leave the province out.
 */
export function isInHomeRegion(region: string, homeRegion: string): boolean {
  const r = compact(region);
  const home = compact(homeRegion);
  if (home === '') return true;
  if (r.startsWith(home)) return true;
  const withoutProvince = home.replace(/^.+?(省|自治区)/, '');
  return withoutProvince !== home && withoutProvince !== '' && r.startsWith(withoutProvince);
}

const unitName = (u: EligibilityUnit) => u.name ?? ORGANISATION_TYPE_LABELS[u.organisationType];

export function checkEligibility(version: RuleSetVersion, categoryCode: string, input: EligibilityInput): EligibilityResult {
  const p = version.parameters;
  const ids = ruleIdsOf(p);
  const problems: EligibilityProblem[] = [];
  const add = (rule: string, message: string, field?: string) => problems.push(field === undefined ? { rule, message } : { rule, message, field });
  const category = p.categories.find((c) => c.code === categoryCode);
  const partners = input.partners ?? [];

  if (!category) add(ids.category, `${version.version}版规则中没有类别“${categoryCode}”`, 'category');
  else {
    if (category.leadOrganisationTypes.length > 0 && !category.leadOrganisationTypes.includes(input.lead.organisationType)) {
      const allowed = category.leadOrganisationTypes.map((t) => ORGANISATION_TYPE_LABELS[t]).join('、');
      add(ids.lead, `${category.name}须由${allowed}牵头，牵头单位为${ORGANISATION_TYPE_LABELS[input.lead.organisationType]}`, 'lead.organisationType');
    }
    if (category.leadTiers.length > 0 && !category.leadTiers.some((t) => input.lead.tiers.includes(t))) {
      const allowed = category.leadTiers.map((t) => ENTERPRISE_TIER_LABELS[t]).join('或');
      add(ids.lead, `${category.name}面向${allowed}，牵头单位不具备该条件`, 'lead.tiers');
    }
    // NB-5: industrialisation-oriented work is enterprise-led with academia; forward-looking/basic work may be led by academia.
    if (input.industrialisationOriented ?? category.industrialisationOriented) {
      if (input.lead.organisationType !== 'enterprise') add(ids.industrialisation, '产业化目标导向明确的项目（课题）须由企业牵头', 'lead.organisationType');
      if (!partners.some((u) => u.organisationType === 'university' || u.organisationType === 'institute')) {
        add(ids.industrialisation, '产业化目标导向明确的项目（课题）须与高校或科研院所联合实施', 'partners');
      }
    }
    if (input.durationMonths !== undefined) {
      if (!(Number.isSafeInteger(input.durationMonths) && input.durationMonths > 0)) add('INPUT', '实施期限须为正整数（月）', 'durationMonths');
      else if (category.maxDurationMonths !== null && input.durationMonths > category.maxDurationMonths) {
        add(ids.duration, `实施期 ${input.durationMonths}个月 超过上限 ${category.maxDurationMonths}个月`, 'durationMonths');
      }
    }
  }

  // NB-6: outsiders are either refused or accepted only on both commitments.
  const outsiders = [input.lead, ...partners].filter((u) => !isInHomeRegion(u.region, p.homeRegion));
  if (outsiders.length > 0) {
    const names = outsiders.map(unitName).join('、');
    if (input.call?.localOnly) add('CALL', `本指南仅限${p.homeRegion}的单位申报：${names}不在范围内`, 'lead.region');
    if (!p.outOfCityAllowed) add(ids.outOfCity, `本计划不接受${p.homeRegion}以外的单位承担：${names}`, 'lead.region');
    else {
      const c = input.outOfCityCommitments;
      if (!c?.resultsTransferredLocally) add(ids.outOfCity, `${names}在${p.homeRegion}以外，须承诺项目成果在本地转化落地`, 'outOfCityCommitments.resultsTransferredLocally');
      if (!c?.companyRegisteredLocally) add(ids.outOfCity, `${names}在${p.homeRegion}以外，须承诺由项目成果产生的企业在本地注册`, 'outOfCityCommitments.companyRegisteredLocally');
    }
  }

  if (p.fields.length > 0) {
    const field = input.fieldCode === undefined ? undefined : p.fields.find((f) => f.code === input.fieldCode);
    if (input.fieldCode === undefined) add(ids.field, '请选择所属重点领域', 'fieldCode');
    else if (!field) add(ids.field, `${version.version}版规则中没有领域“${input.fieldCode}”`, 'fieldCode');
    else {
      if (input.call?.fieldCodes && input.call.fieldCodes.length > 0 && !input.call.fieldCodes.includes(field.code)) add('CALL', `本指南不受理“${field.name}”领域`, 'fieldCode');
      if (input.subDirection !== undefined && field.subDirections.length > 0 && !field.subDirections.includes(input.subDirection)) {
        add(ids.field, `“${input.subDirection}”不是${field.name}领域的方向，可选：${field.subDirections.join('、')}`, 'subDirection');
      }
    }
  }

  // NB-4: every task sits on both axes when the programme lays them out.
  for (const axis of ['industryChain', 'innovationChain'] as const) {
    const stages = p.chainAxes[axis];
    if (stages.length === 0) continue;
    const stage = input.chain?.[axis];
    const noun = axis === 'industryChain' ? '产业链环节' : '创新链环节';
    if (stage === undefined || !stages.includes(stage)) add(ids.chain, `请选择${noun}（${stages.join('—')}）`, `chain.${axis}`);
  }

  if (input.call) {
    const fields = new Set(input.supplied?.fieldKeys ?? []);
    const attachments = new Set(input.supplied?.attachmentKinds ?? []);
    for (const key of input.call.requiredFieldKeys) {
      if (!fields.has(key)) add('CALL', `缺少申报书必填内容“${input.call.fieldLabels?.[key] ?? key}”`, `form.${key}`);
    }
    for (const kind of input.call.requiredAttachmentKinds) {
      if (!attachments.has(kind)) add('CALL', `缺少附件“${(ATTACHMENT_KIND_LABELS as Record<string, string>)[kind] ?? kind}”`, `attachments.${kind}`);
    }
  }

  return { eligible: problems.length === 0, problems };
}
