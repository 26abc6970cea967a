/**
 * A call's review round (评审轮次) walks BL-8's procedure in order, one stage after another:
 * expert assignment (专家分配/随机抽取) → remote scoring (不见面评审) → site inspection (实地核查) → funding plan
 * (立项资金方案, BL-4/BL-7) → bureau party-group meeting (局党组会议) → district executive meeting (区政府常务会议)
 * → public notice (社会公示) → approval (立项). Each part's use case checks the stage it needs and advances it
 * with `canAdvanceStage`, so the order is decided here once and never re-derived.
 */
export const REVIEW_STAGES = ['assigning', 'scoring', 'inspection', 'planning', 'partyMeeting', 'executiveMeeting', 'notice', 'approved'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  assigning: '专家分配',
  scoring: '专家评审',
  inspection: '实地核查',
  planning: '资金方案',
  partyMeeting: '局党组会议',
  executiveMeeting: '区政府常务会议',
  notice: '社会公示',
  approved: '已立项',
};

/** Per-application status inside a round: still in, dropped at some step, or approved (立项). */
export const REVIEW_OUTCOME_STATUSES = ['inReview', 'rejected', 'deferred', 'withdrawn', 'approved'] as const;
export type ReviewOutcomeStatus = (typeof REVIEW_OUTCOME_STATUSES)[number];
export const REVIEW_OUTCOME_STATUS_LABELS: Record<ReviewOutcomeStatus, string> = {
  inReview: '评审中',
  rejected: '未通过',
  deferred: '暂缓',
  withdrawn: '公示期撤回',
  approved: '已立项',
};

export function reviewStageIndex(stage: ReviewStage): number {
  return REVIEW_STAGES.indexOf(stage);
}

export function nextReviewStage(stage: ReviewStage): ReviewStage | null {
  return REVIEW_STAGES[reviewStageIndex(stage) + 1] ?? null;
}

/** Only one step forward at a time: BL-8 allows no skipped step and no going back once a step is closed. */
export function canAdvanceStage(from: ReviewStage, to: ReviewStage): boolean {
  return nextReviewStage(from) === to;
}

/** The reasons (Chinese) an action that needs `required` cannot run while the round is at `current`. */
export function stageProblems(current: ReviewStage, required: ReviewStage | readonly ReviewStage[]): string[] {
  const list: readonly ReviewStage[] = typeof required === 'string' ? [required] : required;
  if (list.includes(current)) return [];
  return [`评审当前处于“${REVIEW_STAGE_LABELS[current]}”阶段，本操作仅在“${list.map((s) => REVIEW_STAGE_LABELS[s]).join('”或“')}”阶段可用`];
}
