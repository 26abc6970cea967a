export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './experts.js';
export * from './expert-import.js';
export * from './expert-responses.js';
