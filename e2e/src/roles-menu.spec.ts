import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoBrowserErrors, login, openBrowser, screenshot, type Browser } from './browser.js';

// Each demo role and the menu it must see: nothing more, nothing less.
const MENUS: [string, string[]][] = [
  ['applicant', ['首页', '申报书', '立项项目', '本单位信息']],
  ['unitadmin', ['首页', '申报书', '立项项目', '本单位信息', '成员与邀请']],
  ['recommender', ['首页', '申报书']],
  ['expert', ['首页', '我的评审', '验收评审', '我的专家信息']],
  ['officer', ['首页', '申报书', '条目申报数', '申报统计', '查重外部记录', '评审轮次', '专家库', '立项项目', '科研诚信', '进度报告', '节假日日历', '单位列表', '计划管理', '申报指南', '预算台账', '监测总览', '指标体系', '报送审核', '任务清单', '项目统计', '镇街评价', '责任单位']],
  ['leader', ['首页', '评审轮次', '立项项目', '科研诚信', '单位列表', '预算台账', '监测总览', '指标体系', '任务清单', '项目统计', '镇街评价']],
  ['department', ['首页', '监测总览', '指标体系', '月度填报', '任务清单', '项目统计', '镇街评价']],
  ['sysadmin', ['首页', '用户管理', '单位列表', '安全策略（只读）', '管理员密码找回']],
  ['secadmin', ['首页', '安全策略', '管理员密码找回']],
  ['auditor', ['首页', '审计日志', '管理员密码找回']],
  ['observer', ['首页', '评审轮次', '科研诚信', '抽取见证']],
];

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

describe('each demo role logs in and sees its own menu', () => {
  it.each(MENUS)('%s sees %j', async (username, expected) => {
    await b.context.clearCookies();
    await login(b.page, username);
    await b.page.waitForURL((u) => u.pathname === '/');
    await b.page.getByText('待办事项').first().waitFor();
    const items = (await b.page.locator('.ant-layout-sider .ant-menu-item, .ant-pro-sider .ant-menu-item').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    expect(items).toEqual(expected);
    await screenshot(b.page, `home-${username}`);
    await expectNoBrowserErrors(b);
  });

  it('an anonymous visitor is sent to the login page', async () => {
    await b.context.clearCookies();
    await b.page.goto('/users');
    await b.page.waitForURL((u) => u.pathname === '/login');
    await b.page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
  });
});
