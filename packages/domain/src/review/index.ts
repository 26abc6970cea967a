export * from './stages.js';
export * from './responses.js';
export * from './format.js';
export * from './conflicts.js';
export * from './scoring.js';
export * from './aggregation.js';
export * from './scoring-responses.js';
