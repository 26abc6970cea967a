/** What the home endpoints answer (2xx): the caller's to-do list. */
import { z } from 'zod';
import { itemsOf } from '../common/responses.js';

export const todoResponse = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  link: z.string().nullable(),
  level: z.enum(['info', 'warning', 'error']),
});
export const todoListResponse = itemsOf(todoResponse);
