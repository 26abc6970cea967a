/** What passes between the workbook reader and its worker thread: plain, structured-cloneable values only. */
export type SheetCell = string | number | boolean;

export interface WorkerRequest {
  file: Uint8Array;
  maxRows: number;
}

export type WorkerReply = { kind: 'ok'; name: string; rows: { line: number; cells: SheetCell[] }[] } | { kind: 'unreadable' } | { kind: 'noSheet' } | { kind: 'tooManyRows' };
