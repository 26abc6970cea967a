/**
 * The monthly report (月度监测报送, P315-3) workflow as a table: state × event → state, with who may fire it.
 * Indicator reports and task progress reports follow the same table.
 *
 *   (none)    --save-->    draft       the responsible unit's first save creates the report
 *   draft     --save-->    draft       edits while still the unit's working copy
 *   draft     --submit-->  submitted   the unit hands it to the bureau
 *   submitted --accept-->  accepted    the bureau (科技局) takes the value; dashboards read it from now on
 *   submitted --return-->  returned    the bureau sends it back with a comment the unit can act on
 *   returned  --save-->    draft       the unit corrects what was returned
 *   returned  --submit-->  submitted   or resubmits it as it is
 *   accepted  --correct--> draft       a correction (更正) opens a new revision; the accepted value stays
 *                                      visible to dashboards until the correction is itself accepted
 *
 * A submitted report is frozen for the unit (the bureau is reading it); an accepted one changes only through
 * a correction, so the past is never overwritten. Evidence (佐证材料) may be added or removed only while the
 * report is the unit's working copy: draft or returned.
 */
import { REPORT_STATE_LABELS } from './labels.js';
import { REPORT_STATES, type ReportState } from './types.js';

export const REPORT_EVENTS = ['save', 'submit', 'accept', 'return', 'correct'] as const;
export type ReportEvent = (typeof REPORT_EVENTS)[number];

/** Who fires an event: the responsible unit (责任单位) or the bureau reviewing it. */
export type ReportActor = 'unit' | 'bureau';

export const REPORT_EVENT_LABELS: Record<ReportEvent, string> = { save: '保存', submit: '提交', accept: '采纳', return: '退回', correct: '更正' };
export const REPORT_EVENT_ACTORS: Record<ReportEvent, ReportActor> = { save: 'unit', submit: 'unit', correct: 'unit', accept: 'bureau', return: 'bureau' };

export const REPORT_TRANSITIONS: Record<ReportState, Partial<Record<ReportEvent, ReportState>>> = {
  draft: { save: 'draft', submit: 'submitted' },
  returned: { save: 'draft', submit: 'submitted' },
  submitted: { accept: 'accepted', return: 'returned' },
  accepted: { correct: 'draft' },
};

/** Why an event is refused in a state, in words the unit or the reviewer can act on. */
function refusal(state: ReportState, event: ReportEvent): string {
  if (state === 'submitted' && (event === 'save' || event === 'correct')) return '该报送已提交，正在审核；如需修改请联系科技局退回';
  if (state === 'submitted' && event === 'submit') return '该报送已提交，正在审核';
  if (event === 'accept' || event === 'return') return `该报送当前为“${REPORT_STATE_LABELS[state]}”，只有待审核的报送可以${REPORT_EVENT_LABELS[event]}`;
  if (state === 'accepted' && event === 'save') return '该报送已采纳，再次保存即为更正';
  if (state === 'accepted' && event === 'submit') return '该报送已采纳，无需再次提交';
  return `“${REPORT_STATE_LABELS[state]}”状态的报送不能${REPORT_EVENT_LABELS[event]}`;
}

export function reportTransition(state: ReportState, event: ReportEvent): { ok: true; to: ReportState } | { ok: false; reason: string } {
  const to = REPORT_TRANSITIONS[state]?.[event];
  return to === undefined ? { ok: false, reason: refusal(state, event) } : { ok: true, to };
}

/** The event a unit's save fires: a correction on an accepted report, a plain save otherwise. */
export function saveEventFor(state: ReportState): ReportEvent {
  return state === 'accepted' ? 'correct' : 'save';
}

/** A correction starts a new revision; every other event keeps the report's revision. */
export function revisionAfter(event: ReportEvent, revision: number): number {
  return event === 'correct' ? revision + 1 : revision;
}

/** The events a caller acting as `actor` may fire on a report in `state`, in table order. */
export function reportActions(state: ReportState, actor: ReportActor): ReportEvent[] {
  return REPORT_EVENTS.filter((e) => REPORT_EVENT_ACTORS[e] === actor && REPORT_TRANSITIONS[state][e] !== undefined);
}

/** Evidence is the unit's to change while the report is its working copy (draft or returned). */
export function isEvidenceEditable(state: ReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/** Whether a stored state string is one of the workflow's states. */
export function isReportState(s: unknown): s is ReportState {
  return typeof s === 'string' && (REPORT_STATES as readonly string[]).includes(s);
}
