export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './notice.js';
export * from './notice-responses.js';
