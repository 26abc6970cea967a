/**
 * Post-award settings (项目管理设置) of a programme, effective-dated with its rule set (BL-1): a project keeps the
 * settings of the rule set its call was published under. Where the seeds are silent these are the defaults the
 * bureau can change per programme version; each label says where its default comes from.
 */
import { z } from 'zod';

export interface PostAwardSettings {
  /** First instalment at least this share of the fiscal amount, in percent, paid after signing. */
  firstInstalmentMinPercent: number;
  /** Annual progress reports are due for projects running longer than this many months. */
  annualReportAboveMonths: number;
  /** A report is due this many days after the end of its reporting year. */
  reportDueDays: number;
  /** Extension: how many times, at most how many months, requested at least how many months before the end. */
  extensionMaxCount: number;
  extensionMaxMonths: number;
  extensionNoticeMonths: number;
  /** Mid-term check is mandatory for projects whose fiscal amount is at least this (元). */
  midtermMandatoryFromYuan: number;
  /** Acceptance must be applied for within this many months after the effective end date. */
  acceptanceWindowMonths: number;
  /** Below this share of core indicators met (percent) the acceptance fails; below the re-hearing share it is heard again. */
  acceptanceFailBelowPercent: number;
  acceptanceRehearBelowPercent: number;
  /** Experts drawn onto an acceptance panel. */
  acceptancePanelSize: number;
  /** One rectification (整改) within this many months. */
  rectificationMonths: number;
  /** Days a unit has to pay back recovered funds. */
  recoveryDueDays: number;
  /** Under 包干制 (P315-4) passed projects keep their unspent funds. */
  lumpSum: boolean;
}

export const DEFAULT_POST_AWARD_SETTINGS: PostAwardSettings = {
  firstInstalmentMinPercent: 60,
  annualReportAboveMonths: 12,
  reportDueDays: 31,
  extensionMaxCount: 1,
  extensionMaxMonths: 12,
  extensionNoticeMonths: 3,
  midtermMandatoryFromYuan: 1_000_000,
  acceptanceWindowMonths: 6,
  acceptanceFailBelowPercent: 80,
  acceptanceRehearBelowPercent: 90,
  acceptancePanelSize: 5,
  rectificationMonths: 3,
  recoveryDueDays: 30,
  lumpSum: false,
};

/** Shown label of each setting, with where its default comes from (none of these numbers is in the seeds). */
export const POST_AWARD_SETTING_LABELS: Record<keyof PostAwardSettings, string> = {
  firstInstalmentMinPercent: '首笔拨付不低于财政经费的比例（%，签订任务书后拨付；默认值为平台设置，种子文件未规定）',
  annualReportAboveMonths: '执行期超过多少个月须报送年度进展报告（默认12，平台设置）',
  reportDueDays: '年度报告在报告年度结束后多少天内报送（默认31，平台设置）',
  extensionMaxCount: '延期次数上限（默认1次，平台设置）',
  extensionMaxMonths: '单次延期最长月数（默认12，平台设置）',
  extensionNoticeMonths: '延期须在结束日前至少多少个月申请（默认3，平台设置）',
  midtermMandatoryFromYuan: '财政经费达到此金额须中期检查（元，默认100万，平台设置）',
  acceptanceWindowMonths: '结束后多少个月内申请验收（默认6，平台设置）',
  acceptanceFailBelowPercent: '核心指标完成率低于此值验收不通过（%，默认80，平台设置）',
  acceptanceRehearBelowPercent: '核心指标完成率低于此值须复议（%，默认90，平台设置）',
  acceptancePanelSize: '验收专家组人数（随机抽取，默认5，平台设置）',
  rectificationMonths: '整改期限（月，默认3，平台设置，限一次）',
  recoveryDueDays: '收回资金的缴回期限（天，默认30，平台设置）',
  lumpSum: '经费包干制（P315-4）：通过验收的结余资金留归承担单位',
};

const int = (label: string, min: number, max: number) => z.number({ error: `${label}须为数字` }).int(`${label}须为整数`).min(min, `${label}不能小于${min}`).max(max, `${label}不能大于${max}`);

const settingsShape = z.object({
  firstInstalmentMinPercent: int('首笔拨付比例', 0, 100),
  annualReportAboveMonths: int('年度报告起报月数', 1, 120),
  reportDueDays: int('报告期限天数', 1, 365),
  extensionMaxCount: int('延期次数', 0, 5),
  extensionMaxMonths: int('延期月数', 1, 60),
  extensionNoticeMonths: int('延期提前月数', 0, 24),
  midtermMandatoryFromYuan: int('中期检查金额', 0, 1_000_000_000_000),
  acceptanceWindowMonths: int('验收申请期限', 1, 36),
  acceptanceFailBelowPercent: int('不通过线', 0, 100),
  acceptanceRehearBelowPercent: int('复议线', 0, 100),
  acceptancePanelSize: int('验收专家组人数', 3, 15),
  rectificationMonths: int('整改期限', 1, 24),
  recoveryDueDays: int('缴回期限', 1, 365),
  lumpSum: z.boolean({ error: '请选择是否包干制' }),
});

export const postAwardSettingsSchema = settingsShape.refine((s) => s.acceptanceRehearBelowPercent >= s.acceptanceFailBelowPercent, { message: '复议线不能低于不通过线', path: ['acceptanceRehearBelowPercent'] });

/** What a rule-set version stores: only the settings it changes from the defaults. */
export const postAwardOverridesSchema = settingsShape.partial();

/** The settings of a rule set: its own values over the defaults. */
export function postAwardSettingsOf(parameters: { postAward?: Partial<PostAwardSettings> | undefined }): PostAwardSettings {
  return { ...DEFAULT_POST_AWARD_SETTINGS, ...(parameters.postAward ?? {}) };
}
