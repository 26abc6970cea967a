/**
 * Chinese validation messages for every schema, server and web alike. Zod's own zh-CN locale still says
 * `期望 number <=10` and `期望 int`, which a person cannot read, so every issue Zod can raise without a
 * message of ours gets a plain sentence here. Messages written on a schema (`.min(1, '请填写…')`) win.
 * The domain package applies it when loaded (see index.ts), so no consumer can forget it.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  date: '日期',
  array: '列表',
  tuple: '列表',
  object: '对象',
  record: '对象',
  map: '对象',
  set: '集合',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '邮箱格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确',
  guid: '编号格式不正确',
  datetime: '时间格式不正确，须为带时区的 ISO 时间',
  date: '日期格式不正确，须为 YYYY-MM-DD',
  time: '时间格式不正确，须为 HH:MM',
  duration: '时长格式不正确',
  ipv4: 'IP 地址格式不正确',
  ipv6: 'IP 地址格式不正确',
  starts_with: '开头不正确',
  ends_with: '结尾不正确',
  includes: '内容不正确',
  regex: '格式不正确',
};

/** How many of what: '5个字', '3项'. */
function sizeText(origin: string | undefined, n: number | bigint): string {
  if (origin === 'string') return `${n}个字`;
  if (origin === 'array' || origin === 'set') return `${n}项`;
  if (origin === 'file') return `${n}字节`;
  return String(n);
}

/** A readable list of allowed values: '“a”、“b”'. */
const valueList = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join('、');

export function chineseZodMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return '此项为必填';
      if (issue.expected === 'int') return '须为整数';
      if (issue.expected === 'number' && typeof issue.input === 'number') return '须为有限的数字';
      const name = TYPE_NAMES[issue.expected];
      return name ? `须为${name}` : '格式不正确';
    }
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string' && Number(n) === 1) return '此项为必填';
      if (issue.origin === 'array' || issue.origin === 'set') return Number(n) === 1 && issue.inclusive !== false ? '至少选择或填写一项' : `至少${sizeText(issue.origin, n)}`;
      if (issue.origin === 'string') return `至少${sizeText(issue.origin, n)}`;
      if (issue.origin === 'date') return `不能早于${String(n)}`;
      return issue.inclusive === false ? `须大于${String(n)}` : `不能小于${String(n)}`;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set' || issue.origin === 'file') return `不超过${sizeText(issue.origin, n)}`;
      if (issue.origin === 'date') return `不能晚于${String(n)}`;
      return issue.inclusive === false ? `须小于${String(n)}` : `不能大于${String(n)}`;
    }
    case 'invalid_format':
      return FORMAT_NAMES[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `须为${String(issue.divisor)}的倍数`;
    case 'invalid_value':
      return issue.values.length === 1 ? `须为${valueList(issue.values)}` : `须为以下之一：${valueList(issue.values)}`;
    case 'unrecognized_keys':
      return `含有不支持的字段：${issue.keys.join('、')}`;
    case 'invalid_key':
      return '字段名不正确';
    case 'invalid_element':
      return '列表中有不正确的内容';
    case 'invalid_union':
      return '格式不正确';
    case 'custom':
      return '填写的内容不正确';
    default:
      return '填写的内容不正确';
  }
}

export function useChineseValidationMessages(): void {
  z.config({ localeError: chineseZodMessage });
}
