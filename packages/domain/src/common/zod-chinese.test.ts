import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '../index.js';
import { chineseZodMessage } from './zod-chinese.js';

/** Every Zod schema the domain exports (importing the barrel applies the Chinese messages, as for any consumer). */
function exportedSchemas(): [string, z.ZodType][] {
  const found: [string, z.ZodType][] = [];
  const visit = (prefix: string, mod: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof z.ZodType) found.push([`${prefix}${name}`, value]);
      else if (value && typeof value === 'object' && !Array.isArray(value) && /^[a-z]/.test(name) && prefix === '') visit(`${name}.`, value as Record<string, unknown>);
    }
  };
  visit('', domain as unknown as Record<string, unknown>);
  return found;
}

const long = (n: number) => '字'.repeat(n);
/** Values just past every kind of bound a form has: empty, blank, too long, too big, negative, fractional, wrong type. */
const BAD_VALUES: unknown[] = [undefined, null, '', '   ', long(20_001), 'x', -1, -1e15, 0, 0.5, 1e15, Number.NaN, true, [], Array.from({ length: 600 }, () => 'a'), {}, '2026-13-45', 'not@', 'ABC def'];

/** A message a person can read: it has Chinese in it and none of Zod's English phrasing. */
function isChinese(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message) && !/\b(expected|received|invalid|too (small|big)|must|required|string|number|int|boolean|array|object)\b/i.test(message);
}

function messagesFor(schema: z.ZodType): string[] {
  const inputs: unknown[] = [...BAD_VALUES];
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : null;
  if (shape) for (const key of Object.keys(shape)) for (const v of BAD_VALUES) inputs.push({ [key]: v });
  const out: string[] = [];
  for (const input of inputs) {
    const r = schema.safeParse(input);
    if (!r.success) out.push(...r.error.issues.map((i) => i.message));
  }
  return out;
}

describe('every validation message a person can see is Chinese', () => {
  const schemas = exportedSchemas();

  it('finds the shared schemas', () => {
    expect(schemas.length).toBeGreaterThan(20);
  });

  it.each(schemas)('%s answers out-of-bounds input in Chinese', (_name, schema) => {
    const english = [...new Set(messagesFor(schema))].filter((m) => !isChinese(m));
    expect(english).toEqual([]);
  });

  it('states the bound in words, not `Too small: expected number to be >=5`', () => {
    const s = z.object({ n: z.number().int().min(5).max(10), t: z.string().max(3), l: z.array(z.string()).min(1) });
    const r = s.safeParse({ n: 1.5, t: 'abcd', l: [] });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['须为整数', '不超过3个字', '至少选择或填写一项']);
    const small = s.safeParse({ n: 4, t: 'a', l: ['x'] });
    expect(small.success ? [] : small.error.issues.map((i) => i.message)).toEqual(['不能小于5']);
    expect(z.object({ a: z.string() }).safeParse({}).error?.issues[0]?.message).toBe('此项为必填');
    expect(z.email().safeParse('x').error?.issues[0]?.message).toBe('邮箱格式不正确');
    expect(z.enum(['a', 'b']).safeParse('c').error?.issues[0]?.message).toBe('须为以下之一：“a”、“b”');
  });

  it('covers every issue code Zod can raise', () => {
    const codes = ['invalid_type', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'invalid_value', 'unrecognized_keys', 'invalid_key', 'invalid_element', 'invalid_union', 'custom'] as const;
    for (const code of codes) expect(isChinese(chineseZodMessage({ code, input: 1, expected: 'string', origin: 'number', minimum: 1, maximum: 2, format: 'email', divisor: 3, values: ['a'], keys: ['k'], path: [] } as never))).toBe(true);
  });
});
