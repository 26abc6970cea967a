/**
 * Plan monitoring (规划监测) HTTP routes, one file per area. Every route names its permission and is parse →
 * authorise → one use case; record-level checks (which unit may see or change a report) live in the use cases.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { planRoutes } from './routes-plans.js';
import { portfolioRoutes } from './routes-portfolio.js';
import { reportingRoutes } from './routes-reporting.js';
import { reviewRoutes } from './routes-review.js';

export function monitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  planRoutes(app, db);
  reportingRoutes(app, db);
  reviewRoutes(app, db);
  portfolioRoutes(app, db);
}
