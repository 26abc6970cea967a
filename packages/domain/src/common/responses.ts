/**
 * Building blocks of response schemas. A response schema declares exactly what a 2xx reply carries: the server
 * serialises through it (undeclared members are dropped) and the web derives its types from it, so a changed
 * response fails the type check on both sides. Output only: no transforms, trims or defaults.
 */
import { z } from 'zod';

/** An instant as ISO 8601 in UTC (`2026-11-23T02:00:00.000Z`). */
export const instantOut = z.string().meta({ format: 'date-time', description: 'ISO 8601 时间（UTC）' });

/** A calendar day `YYYY-MM-DD` (Asia/Shanghai). */
export const dayOut = z.string().meta({ format: 'date', description: '日期 YYYY-MM-DD（北京时间）' });

/** One page of a list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A whole list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * A nested value whose shape the domain's TypeScript types already define (policy parameters, form sections):
 * sent as stored and typed as T. OpenAPI documents it by its description only.
 */
export const domainShape = <T>(description: string) => z.custom<T>(() => true).meta({ description });
