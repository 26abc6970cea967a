/** What the task book shows the same way on the page and in its PDF: section titles and the budget by subject × source. */
import { BUDGET_SUBJECT_LABELS } from '../applications/content.js';
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';
import type { TaskBookContent } from './task-book.js';

const SECTION_TITLES = new Map(DEFAULT_PROPOSAL_TEMPLATE.flatMap((s) => s.items.map((i) => [i.key, i.title] as const)));

/** The title of a text section (研究内容 …) by its template key; the key itself for a call's own template item. */
export function taskBookSectionTitle(key: string): string {
  return SECTION_TITLES.get(key) ?? key;
}

export interface TaskBookBudgetRow {
  label: string;
  cityYuan: number;
  districtYuan: number;
  fiscalYuan: number;
  selfRaisedYuan: number;
  otherYuan: number;
  totalYuan: number;
}

/** One row per expense subject and a 合计 row; fiscal = city + district (NB-7), all integer 元. */
export function taskBookBudgetRows(budget: TaskBookContent['budget']): TaskBookBudgetRow[] {
  const rows = budget.map((l) => ({
    label: BUDGET_SUBJECT_LABELS[l.subject],
    cityYuan: l.fiscalCityYuan,
    districtYuan: l.fiscalDistrictYuan,
    fiscalYuan: l.fiscalCityYuan + l.fiscalDistrictYuan,
    selfRaisedYuan: l.selfRaisedYuan,
    otherYuan: l.otherYuan,
    totalYuan: l.fiscalCityYuan + l.fiscalDistrictYuan + l.selfRaisedYuan + l.otherYuan,
  }));
  const sum = (k: keyof Omit<TaskBookBudgetRow, 'label'>) => rows.reduce((s, r) => s + r[k], 0);
  return [...rows, { label: '合计', cityYuan: sum('cityYuan'), districtYuan: sum('districtYuan'), fiscalYuan: sum('fiscalYuan'), selfRaisedYuan: sum('selfRaisedYuan'), otherYuan: sum('otherYuan'), totalYuan: sum('totalYuan') }];
}
