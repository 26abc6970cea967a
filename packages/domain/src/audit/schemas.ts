/** Audit trail query, shared by the auditor's table and its Excel export. */
import { z } from 'zod';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.loginFailed': '登录失败',
  'auth.logout': '退出登录',
  'auth.locked': '账号锁定',
  'auth.passwordChanged': '修改密码',
  'auth.register': '单位注册',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.unlock': '解除锁定',
  'user.resetPassword': '重置密码',
  'organisation.create': '创建单位',
  'organisation.update': '修改单位信息',
  'invitation.create': '发出邀请',
  'invitation.revoke': '撤销邀请',
  'invitation.accept': '接受邀请',
  'security.updatePolicy': '修改安全策略',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计链',
  'audit.anchor': '锚定链头',
  'system.seed': '初始化演示数据',
};

export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  ip: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  sort: z.enum(['occurredAt', '-occurredAt']).default('-occurredAt'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
