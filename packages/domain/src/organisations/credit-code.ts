/**
 * 统一社会信用代码 (unified social credit code) validation per GB 32100-2015, so a typo
 * in an organisation's identity is caught at the form instead of in a later conflict check.
 */

/** The 31 characters the standard allows; I, O, Z, S and V are excluded to avoid misreading. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authority (登记管理部门) → the organisation categories it may issue. */
const AUTHORITY_CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交
  '3': '12345', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '12349', // 农业
  Y: '1', // 其他
};

export type CreditCodeProblem =
  | { kind: 'empty' }
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; char: string }
  | { kind: 'authority'; char: string }
  | { kind: 'category'; char: string }
  | { kind: 'division'; value: string }
  | { kind: 'checksum'; expected: string; actual: string };

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem; message: string };

/** Folds full-width characters, spaces and lower case that people paste from documents. */
export function normaliseCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function creditCodeMessage(problem: CreditCodeProblem): string {
  switch (problem.kind) {
    case 'empty':
      return '请填写统一社会信用代码';
    case 'length':
      return `统一社会信用代码应为18位，当前为${problem.length}位`;
    case 'character':
      return `第${problem.position}位“${problem.char}”不是有效字符（代码只含数字和除 I、O、S、V、Z 以外的大写字母）`;
    case 'authority':
      return `第1位登记管理部门代码“${problem.char}”无效`;
    case 'category':
      return `第2位机构类别代码“${problem.char}”与登记管理部门不匹配`;
    case 'division':
      return `第3–8位登记管理机关行政区划码“${problem.value}”应为6位数字`;
    case 'checksum':
      return `校验位错误：第18位应为“${problem.expected}”，实际为“${problem.actual}”，请核对是否有输错的字符`;
  }
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  const fail = (problem: CreditCodeProblem): CreditCodeResult => ({ ok: false, problem, message: creditCodeMessage(problem) });
  if (code.length === 0) return fail({ kind: 'empty' });
  if (code.length !== 18) return fail({ kind: 'length', length: code.length });
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i]!)) return fail({ kind: 'character', position: i + 1, char: code[i]! });
  }
  const categories = AUTHORITY_CATEGORIES[code[0]!];
  if (!categories) return fail({ kind: 'authority', char: code[0]! });
  if (!categories.includes(code[1]!)) return fail({ kind: 'category', char: code[1]! });
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return fail({ kind: 'division', value: division });
  const expected = creditCodeCheckChar(code.slice(0, 17))!;
  if (expected !== code[17]) return fail({ kind: 'checksum', expected, actual: code[17]! });
  return { ok: true, code };
}

export function isValidCreditCode(input: string): boolean {
  return validateCreditCode(input).ok;
}
