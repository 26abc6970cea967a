export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './draw-responses.js';
export * from './draw-record.js';
export * from './funding-plan-selection.js';
export * from './funding-plan-responses.js';
