/** Account forms shared by server and web. Password strength is checked against the live policy on the server. */
import { z } from 'zod';
import { ROLES } from './roles.js';
import { organisationCreateSchema } from '../organisations/schemas.js';

export const usernameSchema = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(3, '用户名至少3个字符')
  .max(32, '用户名不超过32个字符')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '用户名以字母开头，只含字母、数字、下划线、点和连字符');

export const personNameSchema = z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过50个字');
export const passwordInputSchema = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128, '密码不超过128位');
export const optionalMobileSchema = z.union([z.literal(''), z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确')]).optional().default('');
export const optionalEmailSchema = z.union([z.literal(''), z.email('邮箱格式不正确')]).optional().default('');

export const loginSchema = z.object({ username: z.string().trim().min(1, '请填写用户名').max(64), password: passwordInputSchema });

export const newUserFieldsSchema = z.object({
  username: usernameSchema,
  password: passwordInputSchema,
  name: personNameSchema,
  phone: optionalMobileSchema,
  email: optionalEmailSchema,
});

export const registrationSchema = z.object({ organisation: organisationCreateSchema, user: newUserFieldsSchema });
export type Registration = z.infer<typeof registrationSchema>;

export const changePasswordSchema = z.object({ currentPassword: passwordInputSchema, newPassword: passwordInputSchema });

export const roleSchema = z.enum(ROLES, { error: '角色无效' });

/**
 * A 推荐单位 account's scope: region prefixes as organisations' regions read (浙江省宁波市 for the whole city,
 * 浙江省宁波市北仑区 for one district). Only for the recommender role.
 */
export const recommenderRegionsSchema = z
  .array(z.string({ error: '地区须为文字' }).trim().min(2, '地区至少2个字').max(100, '地区不超过100个字'))
  .max(50, '推荐范围不超过50个地区');

export const userCreateSchema = z.object({
  username: usernameSchema,
  name: personNameSchema,
  phone: optionalMobileSchema,
  email: optionalEmailSchema,
  roles: z.array(roleSchema).min(1, '至少分配一个角色'),
  organisationId: z.uuid('单位编号无效').nullable().optional().default(null),
  recommenderRegions: recommenderRegionsSchema.optional().default([]),
});

// No defaults here: an omitted field means "leave it", not "blank it".
export const userUpdateSchema = z.object({
  name: personNameSchema.optional(),
  phone: z.union([z.literal(''), z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确')]).optional(),
  email: z.union([z.literal(''), z.email('邮箱格式不正确')]).optional(),
  roles: z.array(roleSchema).min(1, '至少分配一个角色').optional(),
  recommenderRegions: recommenderRegionsSchema.optional(),
});

export const invitationCreateSchema = z.object({
  name: personNameSchema,
  email: optionalEmailSchema,
  role: z.enum(['applicant', 'unitAdmin'], { error: '只能邀请为申报单位用户或单位管理员' }).default('applicant'),
});

export const invitationAcceptSchema = newUserFieldsSchema.omit({ name: true }).extend({ name: personNameSchema });

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = { active: '正常', disabled: '已停用' };
