export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './conflict-index.js';
export * from './assignment-settings.js';
export * from './assignment-responses.js';
