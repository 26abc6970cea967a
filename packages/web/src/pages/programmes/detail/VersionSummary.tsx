/** The selected version's programme-wide settings: budget, overlap rule, who may undertake, selection modes. */
import { EditOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { ENTERPRISE_TIER_LABELS, OVERLAP_POLICY_LABELS, RULE_REF_KIND_LABELS, SELECTION_MODE_LABELS, TIER_REWARD_KIND_LABELS, type RuleRefKind } from '@kechuang/domain';
import { Alert, Button, Descriptions, Tooltip } from 'antd';
import type { ProgrammeVersion } from '../../../api/programmes';
import { formatDateTime } from '../../../lib/time';
import { wanText } from '../../../lib/wan';

export function VersionSummary({ version, onEdit }: { version: ProgrammeVersion; onEdit: () => void }) {
  const p = version.parameters;
  const ruleIds = Object.entries(p.ruleIds ?? {}) as [RuleRefKind, string][];
  return (
    <ProCard
      title={`版本 ${version.version} · ${version.documentNo}`}
      headerBordered
      extra={
        <Tooltip title={version.frozen ? '已冻结的版本不可修改，请新建版本' : undefined}>
          <Button icon={<EditOutlined />} disabled={version.frozen} onClick={onEdit}>
            编辑版本
          </Button>
        </Tooltip>
      }
    >
      {version.frozen && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该版本已冻结"
          description={`${formatDateTime(version.frozenAt)} 起，该版本被已发布的申报指南使用，规则不能再修改，以保证申报人依据的规则不变。如需调整，请新建版本并设定新的生效日期。`}
        />
      )}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'effective', label: '生效日期', children: `${version.effectiveFrom}（北京时间零点起）` },
          { key: 'budget', label: '年度财政预算', children: p.annualBudgetStated === false ? '文件未载明' : wanText(p.annualBudgetYuan) },
          { key: 'overlap', label: '与上级项目重复时', children: OVERLAP_POLICY_LABELS[p.overlapPolicy] },
          { key: 'outOfCity', label: '市外单位承担', children: p.outOfCityAllowed ? '允许（须承诺成果本地转化、本地注册）' : '不允许' },
          { key: 'region', label: '本地范围', children: p.homeRegion || '未设定' },
          { key: 'modes', label: '遴选方式', children: p.selectionModes.map((m) => SELECTION_MODE_LABELS[m]).join('、') },
          ...(p.tierRewards.length
            ? [{ key: 'rewards', label: '层级奖补', span: 2, children: p.tierRewards.map((r) => `${ENTERPRISE_TIER_LABELS[r.tier]}${TIER_REWARD_KIND_LABELS[r.kind]}${wanText(r.amountYuan)}（${r.rule}）`).join('；') }]
            : []),
          ...(p.chainAxes.industryChain.length || p.chainAxes.innovationChain.length
            ? [{ key: 'chain', label: '全链条布局', span: 2, children: `产业链：${p.chainAxes.industryChain.join('、') || '—'}；创新链：${p.chainAxes.innovationChain.join('、') || '—'}` }]
            : []),
          ...(ruleIds.length ? [{ key: 'ids', label: '引用规则', span: 2, children: ruleIds.map(([k, id]) => `${RULE_REF_KIND_LABELS[k]} ${id}`).join('；') }] : []),
        ]}
      />
    </ProCard>
  );
}
