/** Chinese validation messages for every schema, server and web alike: zod's zh-CN locale plus a plain "required". */
import { z } from 'zod';

export function useChineseValidationMessages(): void {
  z.config({
    ...z.locales.zhCN(),
    customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '此项为必填' : undefined),
  });
}
