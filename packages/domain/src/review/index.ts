export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './funding-plan-selection.js';
export * from './funding-plan-responses.js';
