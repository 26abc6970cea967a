/** Error codes of every Excel upload, whichever import reads it. */
import { problems, type ProblemCatalogue } from './problem.js';

type WorkbookCode = 'WORKBOOK_UNREADABLE' | 'WORKBOOK_TOO_LARGE' | 'WORKBOOK_SUSPICIOUS' | 'WORKBOOK_TOO_COMPLEX' | 'WORKBOOK_UNSTORABLE_TEXT' | 'TOO_MANY_ROWS' | 'UPLOADS_BUSY';

export const workbookProblems = {
  // Same code and status as the monitoring catalogue's entry, which the imports use for a wrong header row.
  WORKBOOK_UNREADABLE: { status: 400, title: 'Excel 文件无法读取' },
  WORKBOOK_TOO_LARGE: { status: 413, title: 'Excel 文件解压后过大' },
  WORKBOOK_SUSPICIOUS: { status: 422, title: 'Excel 文件结构异常' },
  WORKBOOK_TOO_COMPLEX: { status: 422, title: 'Excel 文件过于复杂' },
  WORKBOOK_UNSTORABLE_TEXT: { status: 422, title: 'Excel 文件含有无法保存的字符' },
  TOO_MANY_ROWS: { status: 413, title: '文件行数过多' },
  UPLOADS_BUSY: { status: 503, title: '服务器正忙' },
} satisfies ProblemCatalogue<WorkbookCode>;

export const workbookProblem = problems(workbookProblems);
