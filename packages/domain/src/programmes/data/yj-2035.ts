/**
 * “科创甬江2035”重点研发计划 as seed 003 describes it: 甬科函〔2025〕51号, the city S&T bureau's reply of
 * 2025-06-13 to CPPCC proposal No. 16. The reply reports practice (“按规定给予最高5000万元的分类补助”) without
 * the regulation itself, so the version is dated by the reply and carries only what it states: the selection
 * mechanisms, the 5,000万 maximum and the single-champion incentives (YJ-3).
 */
import type { CategoryRule, ProgrammeDefinition } from '../types.js';

/** YJ-1: the highest classified subsidy the reply states. */
export const YJ_MAX_CLASS_CEILING_YUAN = 50_000_000;

/**
 * A subsidy class of the plan. The reply names no classes and no per-class ceilings, so a class's ceiling is
 * a parameter defaulting to the plan maximum; officers add classes when the regulation is at hand.
 */
export function yjSubsidyClass(code: string, name: string, description: string, capYuan: number = YJ_MAX_CLASS_CEILING_YUAN): CategoryRule {
  return {
    code,
    name,
    description,
    subsidyRatio: null,
    capYuan: Math.min(capYuan, YJ_MAX_CLASS_CEILING_YUAN),
    minYuan: null,
    minMatchingMultiple: null,
    maxDurationMonths: null,
    leadOrganisationTypes: [],
    leadTiers: [],
    industrialisationOriented: false,
  };
}

export const YJ_2035: ProgrammeDefinition = {
  code: 'yj-2035',
  name: '“科创甬江2035”重点研发计划',
  issuer: '宁波市科学技术局',
  description:
    '通过揭榜挂帅、以赛代评等多元化遴选机制，按规定给予最高5000万元的分类补助；探索“企业出题、政府助题、机构解题、车间验题、市场评价”协同闭环机制。2024年立项301项。',
  versions: [
    {
      programmeCode: 'yj-2035',
      version: '2025',
      documentNo: '甬科函〔2025〕51号',
      effectiveFrom: '2025-06-13',
      parameters: {
        // The reply gives no annual budget for the plan: none is invented; officers record it in the ledger.
        annualBudgetYuan: 0,
        annualBudgetStated: false,
        overlapPolicy: 'topUp',
        // 揭榜挂帅 invites any qualified solver (“机构解题”); outsiders give the city's NB-6 commitments.
        outOfCityAllowed: true,
        homeRegion: '浙江省宁波市',
        // “揭榜挂帅、以赛代评等多元化遴选机制”, plus ordinary competitive review (POLICY YJ-1).
        selectionModes: ['openChallenge', 'competitionReview', 'competitive'],
        categories: [yjSubsidyClass('key-rd', '重点研发项目', '按规定分类补助，最高5000万元；具体类别及各类上限以申报指南为准。')],
        fields: [],
        chainAxes: { industryChain: [], innovationChain: [] },
        // YJ-3: “对入选国家级制造业单项冠军企业，给予200万的奖励；…对列入市级以上单项冠军企业，给予最高100万元补助”.
        // A national champion is also “市级以上”, hence the second cap entry; one subsidy per rule, not two.
        tierRewards: [
          { tier: 'singleChampionNational', amountYuan: 2_000_000, kind: 'reward', rule: 'YJ-3' },
          { tier: 'singleChampionCity', amountYuan: 1_000_000, kind: 'subsidyCap', rule: 'YJ-3' },
          { tier: 'singleChampionNational', amountYuan: 1_000_000, kind: 'subsidyCap', rule: 'YJ-3' },
        ],
        ruleIds: { category: 'YJ-1', cap: 'YJ-1', selfRaised: 'YJ-1', budget: 'YJ-1' },
      },
    },
  ],
};
