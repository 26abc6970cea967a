/**
 * Every audit action and entity type the server records has a Chinese label in the domain's catalogue
 * (issue 15 item 19). The compiler already refuses an unknown literal passed to `recordAudit`; this test
 * also reads the sources, so an action built from a template or passed through a variable is caught too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTION_CODES, AUDIT_ENTITY_TYPES, auditActionLabel, auditEntityLabel } from '@kechuang/domain';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
}

const files = sources(SRC).map((f) => fs.readFileSync(f, 'utf8'));

/** The text between a call's parentheses (strings with parentheses inside do not occur in these calls). */
function callArguments(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(from + 1, i);
  }
  return text.slice(from);
}

/** Quoted codes in the `action:` expression of every recordAudit call and every AuditInput-returning helper. */
function recordedActions(): string[] {
  const out = new Set<string>();
  for (const text of files) {
    const sites = [...text.matchAll(/recordAudit\(|\): AuditInput \{|insertUser\(/g)].map((m) => m.index + m[0].length - 1);
    for (const at of sites) {
      const args = text[at] === '(' ? callArguments(text, at) : text.slice(at, at + 400);
      const expr = /action:\s*(.+?)(?:,\s*entityType|,\s*\n|$)/s.exec(args)?.[1] ?? '';
      // Actions are dotted codes; other quoted strings in the expression are operands of a condition.
      for (const m of expr.matchAll(/['`]([^'`]+)['`]/g)) if (m[1]!.includes('.')) out.add(m[1]!);
      // insertUser(tx, actor, input, 'auth.register'): the action is its last argument.
      if (text.slice(at - 10, at) === 'insertUser') for (const m of args.matchAll(/,\s*'([a-z]+\.[A-Za-z.]+)'\s*$/g)) out.add(m[1]!);
    }
    for (const m of text.matchAll(/action: AuditAction = '([^']+)'/g)) out.add(m[1]!);
  }
  return [...out];
}

describe('the audit catalogue covers the server (issue 15 item 19)', () => {
  const used = recordedActions();

  it('finds the actions the server records', () => {
    expect(used).toContain('monitoring.report.submit');
    expect(used).toContain('call.${event}');
    expect(used.length).toBeGreaterThan(40);
  });

  it.each(used.filter((a) => !a.includes('${')))('action %s has a Chinese label', (action) => {
    expect(AUDIT_ACTION_CODES, `${action} is recorded but has no label in packages/domain/src/audit/catalogue.ts`).toContain(action);
    expect(auditActionLabel(action)).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(used.filter((a) => a.includes('${')))('every expansion of %s has a label', (template) => {
    const prefix = template.slice(0, template.indexOf('${'));
    const suffix = template.slice(template.indexOf('}') + 1);
    expect(AUDIT_ACTION_CODES.filter((a) => a.startsWith(prefix) && a.endsWith(suffix)).length, template).toBeGreaterThan(0);
  });

  it('every entity type the server records has a Chinese label', () => {
    const entities = [...new Set(files.flatMap((text) => [...text.matchAll(/entityType:\s*'([^']+)'/g)].map((m) => m[1]!)))];
    expect(entities.length).toBeGreaterThan(10);
    for (const e of entities) {
      expect(AUDIT_ENTITY_TYPES, `${e} has no label`).toContain(e);
      expect(auditEntityLabel(e)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
