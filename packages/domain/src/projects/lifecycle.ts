/**
 * A project's life after approval (立项 → 结题), as one state table. Every part of execution moves a project
 * only through `projectTransition`, so the states a part may act in are written down once, here.
 *
 *   approved ─sign→ executing ─openMidterm→ midterm ─midtermPass→ executing
 *                                          midterm ─midtermRectify→ rectifying ─rectified→ executing
 *   executing ─applyAcceptance→ accepting ─acceptPass→ accepted | ─acceptConclude→ concluded | ─acceptFail→ failed
 *   accepting ─acceptRectify→ acceptanceRectifying ─resubmitAcceptance→ accepting (one 整改 only)
 *   accepting ─returnAcceptance→ executing (an early application refused before a panel is drawn: 提前申请验收被退回)
 *   any open state ─terminate→ terminated; any state but revoked ─revoke→ revoked (撤销 may follow a closure found fraudulent)
 */
export const PROJECT_STATES = ['approved', 'executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying', 'accepted', 'concluded', 'failed', 'terminated', 'revoked'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const PROJECT_STATE_LABELS: Record<ProjectState, string> = {
  approved: '已立项（待签任务书）',
  executing: '执行中',
  midterm: '中期检查中',
  rectifying: '限期整改',
  accepting: '验收中',
  acceptanceRectifying: '验收整改',
  accepted: '通过验收',
  concluded: '结题',
  failed: '验收不通过',
  terminated: '已终止',
  revoked: '已撤销',
};

/** Short labels for charts and tags. */
export const PROJECT_STATE_SHORT: Record<ProjectState, string> = {
  approved: '待签约', executing: '执行中', midterm: '中期检查', rectifying: '限期整改', accepting: '验收中',
  acceptanceRectifying: '验收整改', accepted: '通过验收', concluded: '结题', failed: '验收不通过', terminated: '终止', revoked: '撤销',
};

/** States after which nothing more happens to the project except revocation. */
export const CLOSED_PROJECT_STATES: readonly ProjectState[] = ['accepted', 'concluded', 'failed', 'terminated', 'revoked'];
export const isProjectClosed = (s: ProjectState): boolean => CLOSED_PROJECT_STATES.includes(s);

/** A disbursement is possible only while the project is running (never after termination, failure or revocation). */
export const PAYABLE_PROJECT_STATES: readonly ProjectState[] = ['executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying'];

export const PROJECT_ACTIONS = [
  'sign', 'openMidterm', 'midtermPass', 'midtermRectify', 'rectified', 'applyAcceptance', 'acceptPass', 'acceptConclude', 'acceptFail',
  'acceptRectify', 'resubmitAcceptance', 'returnAcceptance', 'terminate', 'revoke',
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const PROJECT_ACTION_LABELS: Record<ProjectAction, string> = {
  sign: '任务书签订生效', openMidterm: '启动中期检查', midtermPass: '中期检查合格', midtermRectify: '中期检查限期整改', rectified: '整改完成',
  applyAcceptance: '申请验收', acceptPass: '验收通过', acceptConclude: '结题', acceptFail: '验收不通过', acceptRectify: '验收整改',
  resubmitAcceptance: '整改后重新提交验收', returnAcceptance: '退回提前验收申请', terminate: '终止', revoke: '撤销',
};

const OPEN: ProjectState[] = ['approved', 'executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying'];

/** from-states → to-state of each action. */
export const PROJECT_TRANSITIONS: Record<ProjectAction, { from: readonly ProjectState[]; to: ProjectState }> = {
  sign: { from: ['approved'], to: 'executing' },
  openMidterm: { from: ['executing'], to: 'midterm' },
  midtermPass: { from: ['midterm'], to: 'executing' },
  midtermRectify: { from: ['midterm'], to: 'rectifying' },
  rectified: { from: ['rectifying'], to: 'executing' },
  applyAcceptance: { from: ['executing'], to: 'accepting' },
  acceptPass: { from: ['accepting'], to: 'accepted' },
  acceptConclude: { from: ['accepting'], to: 'concluded' },
  acceptFail: { from: ['accepting', 'acceptanceRectifying'], to: 'failed' },
  acceptRectify: { from: ['accepting'], to: 'acceptanceRectifying' },
  resubmitAcceptance: { from: ['acceptanceRectifying'], to: 'accepting' },
  returnAcceptance: { from: ['accepting'], to: 'executing' },
  terminate: { from: OPEN, to: 'terminated' },
  revoke: { from: PROJECT_STATES.filter((s) => s !== 'revoked'), to: 'revoked' },
};

export type TransitionResult = { ok: true; to: ProjectState } | { ok: false; message: string };

/** The state an action leads to, or why it is refused (in Chinese, naming the states it needs). */
export function projectTransition(from: ProjectState, action: ProjectAction): TransitionResult {
  const t = PROJECT_TRANSITIONS[action];
  if (t.from.includes(from)) return { ok: true, to: t.to };
  return { ok: false, message: `项目当前为「${PROJECT_STATE_LABELS[from]}」，不能${PROJECT_ACTION_LABELS[action]}（须为：${t.from.map((s) => PROJECT_STATE_LABELS[s]).join('、')}）` };
}

/** The actions open from a state (the web shows only these). */
export function actionsFrom(state: ProjectState): ProjectAction[] {
  return PROJECT_ACTIONS.filter((a) => PROJECT_TRANSITIONS[a].from.includes(state));
}
