/** Plan monitoring (规划监测, YZ-1, YZ-2, P315-1…3, P315-7, YJ-2): contract types, maths, periods, tasks, portfolio statistics, town evaluation, schemas and seed plans. */
export * from './types.js';
export * from './decimal.js';
export * from './display.js';
export * from './dates.js';
export * from './periods.js';
export * from './report-workflow.js';
export * from './maths.js';
export * from './tasks.js';
export * from './portfolio.js';
export * from './town-evaluation.js';
export * from './labels.js';
export * from './schemas.js';
export * from './validation.js';
export * from './data/index.js';
