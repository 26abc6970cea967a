/** Every context's tables, gathered for drizzle-kit and the typed client. */
export * from '../modules/organisations/schema.js';
export * from '../modules/accounts/schema.js';
export * from '../modules/security/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/programmes/schema.js';
export * from '../modules/monitoring/schema.js';
export * from '../modules/applications/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/review/schema.js';
export * from '../modules/review/funding-plan-schema.js';
export * from '../modules/projects/schema.js';
export * from '../modules/review/experts/schema.js';
export * from '../modules/review/scoring-schema.js';
export * from '../modules/review/decision-schema.js';
export * from '../modules/review/notice-schema.js';
export * from '../modules/projects/acceptance-schema.js';
