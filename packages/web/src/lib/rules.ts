/**
 * antd form rules built from the shared Zod schemas in @kechuang/domain, so the browser refuses
 * exactly what the server refuses, with the same Chinese messages.
 */
import {
  DEFAULT_SECURITY_POLICY,
  passwordProblems,
  validateCreditCode,
  type SecurityPolicy,
} from '@kechuang/domain';
import type { Rule } from 'antd/es/form';

/** Any Zod schema, typed structurally so the web needs no direct zod dependency. */
export interface SafeParser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { message: string }[] } };
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * `required` (when a message is given, so the field shows its asterisk and a plain "请填写…") plus the
 * schema's own check for anything entered.
 */
export function zodRules(schema: SafeParser, requiredMessage?: string): Rule[] {
  const rules: Rule[] = [];
  if (requiredMessage) rules.push({ required: true, message: requiredMessage });
  rules.push({
    validator: async (_rule, value: unknown) => {
      if (requiredMessage && isEmpty(value)) return;
      const result = schema.safeParse(typeof value === 'string' ? value : value ?? undefined);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写的内容不正确');
    },
  });
  return rules;
}

export const creditCodeRules: Rule[] = [
  { required: true, message: '请填写统一社会信用代码' },
  {
    validator: async (_rule, value: unknown) => {
      if (isEmpty(value)) return;
      const result = validateCreditCode(String(value));
      if (!result.ok) throw new Error(result.message);
    },
  },
];

/** The password must pass the policy; `usernamePath` lets the rule refuse a password containing the username. */
export function passwordRules(
  usernamePath?: (string | number)[],
  policy: SecurityPolicy = DEFAULT_SECURITY_POLICY,
  fixedUsername?: string,
  /** One line to show instead of the list of problems, when a checklist beside the field already lists them. */
  summary?: string,
): Rule[] {
  return [
    { required: true, message: '请填写密码' },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (isEmpty(value)) return;
        const username = fixedUsername ?? (usernamePath ? (getFieldValue(usernamePath) as string | undefined) : undefined);
        const problems = passwordProblems(String(value), policy, { username });
        if (problems.length > 0) throw new Error(summary ?? problems.join('；'));
      },
    }),
  ];
}

export function confirmPasswordRules(passwordPath: (string | number)[]): Rule[] {
  return [
    { required: true, message: '请再次输入密码' },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (isEmpty(value) || getFieldValue(passwordPath) === value) return;
        throw new Error('两次输入的密码不一致');
      },
    }),
  ];
}
