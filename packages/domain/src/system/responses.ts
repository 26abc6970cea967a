/** What the system endpoints answer (2xx). */
import { z } from 'zod';

export const healthResponse = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });
