export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './inspection.js';
export * from './meetings.js';
export * from './decision-responses.js';
