/** 基本信息: title, category, guideline item, field and sub-direction (BL-3), task type (NB-3), chain positions (NB-4), dates (NB-2), keywords. */
import { ENTERPRISE_TIER_LABELS, ENTERPRISE_TIERS, TASK_TYPE_LABELS, TASK_TYPES, type TaskType } from '@kechuang/domain';
import { Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Call } from '../../../../api/programmes';
import { dayjs } from '../../../../lib/time';
import { fieldId, reasonsFor, type Content, type Reason } from '../model';

type Basic = NonNullable<Content['basic']>;

/** NB-4 chain stages of the application's category; an axis with no stages is free text. */
export interface ChainAxes {
  industryChain: string[];
  innovationChain: string[];
}

export function BasicInfoForm({ content, setContent, disabled, reasons, call, chainAxes }: { content: Content; setContent: (u: (c: Content) => Content) => void; disabled: boolean; reasons: readonly Reason[]; call: Call | undefined; chainAxes: ChainAxes }) {
  const b = content.basic ?? {};
  const set = (patch: Partial<Basic>) => setContent((c) => ({ ...c, basic: { ...c.basic, ...patch } }));
  const field = call?.fields.find((f) => f.code === b.fieldCode);
  // A return reason on a field shows as that field's warning, under the input.
  const item = (key: keyof Basic, label: string, required: boolean, child: React.ReactNode, span = 12) => {
    const r = reasonsFor(reasons, `basic.${String(key)}`);
    return (
      <Col span={span}>
        <Form.Item label={label} required={required} htmlFor={fieldId(`basic.${String(key)}`)} validateStatus={r.length ? 'warning' : undefined} help={r.length ? r.map((x) => `退回意见：${x.reason}`).join('；') : undefined}>
          {child}
        </Form.Item>
      </Col>
    );
  };
  // Where the rule set lists the stages (NB-4), the applicant picks one of them; the server checks it either way.
  const chainInput = (axis: keyof ChainAxes, label: string, hint: string) =>
    chainAxes[axis].length ? (
      <Select id={fieldId(`basic.${axis}`)} aria-label={label} disabled={disabled} value={b[axis]} placeholder="请选择" options={chainAxes[axis].map((s) => ({ value: s, label: s }))} onChange={(v: string) => set({ [axis]: v })} />
    ) : (
      <Input id={fieldId(`basic.${axis}`)} value={b[axis] ?? ''} maxLength={50} disabled={disabled} placeholder={hint} onChange={(e) => set({ [axis]: e.target.value })} />
    );
  const date = (key: 'startDate' | 'endDate', label: string) =>
    item(
      key,
      label,
      true,
      <DatePicker id={fieldId(`basic.${key}`)} aria-label={label} style={{ width: '100%' }} disabled={disabled} value={b[key] ? dayjs(b[key]) : null} format="YYYY-MM-DD" onChange={(d) => set({ [key]: d ? d.format('YYYY-MM-DD') : undefined })} />,
    );
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        {item('title', '项目名称', true, <Input id={fieldId('basic.title')} value={b.title ?? ''} maxLength={100} showCount disabled={disabled} onChange={(e) => set({ title: e.target.value })} />, 24)}
        {item(
          'categoryCode',
          '类别',
          true,
          <Select id={fieldId('basic.categoryCode')} aria-label="类别" disabled={disabled} value={b.categoryCode} options={(call?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))} onChange={(v: string) => set({ categoryCode: v })} placeholder="请选择" />,
        )}
        {item(
          'guidelineItemCode',
          '指南条目',
          true,
          <Select id={fieldId('basic.guidelineItemCode')} aria-label="指南条目" disabled={disabled} value={b.guidelineItemCode} options={(call?.guidelineItems ?? []).map((g) => ({ value: g.code, label: `${g.code} ${g.title}` }))} onChange={(v: string) => set({ guidelineItemCode: v })} placeholder="请选择" />,
        )}
        {item(
          'fieldCode',
          '所属领域',
          true,
          <Select id={fieldId('basic.fieldCode')} aria-label="所属领域" disabled={disabled} value={b.fieldCode} options={(call?.fields ?? []).map((f) => ({ value: f.code, label: f.name }))} onChange={(v: string) => set({ fieldCode: v, subDirection: undefined })} placeholder="请选择" />,
        )}
        {item(
          'subDirection',
          '细分方向',
          (field?.subDirections.length ?? 0) > 0,
          <Select id={fieldId('basic.subDirection')} aria-label="细分方向" disabled={disabled || !field?.subDirections.length} allowClear value={b.subDirection} options={(field?.subDirections ?? []).map((s) => ({ value: s, label: s }))} onChange={(v: string | undefined) => set({ subDirection: v })} placeholder={field?.subDirections.length ? '请选择' : '该领域无细分方向'} />,
        )}
        {item(
          'taskType',
          '任务类型',
          true,
          <Select<TaskType> id={fieldId('basic.taskType')} aria-label="任务类型" disabled={disabled} value={b.taskType} options={TASK_TYPES.map((t) => ({ value: t, label: TASK_TYPE_LABELS[t] }))} onChange={(v) => set({ taskType: v })} placeholder="请选择" />,
        )}
        {item(
          'industrialisationOriented',
          '是否以产业化为目标导向',
          true,
          <Radio.Group id={fieldId('basic.industrialisationOriented')} aria-label="是否以产业化为目标导向" disabled={disabled} value={b.industrialisationOriented} onChange={(e) => set({ industrialisationOriented: e.target.value as boolean })} options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />,
        )}
        {item('industryChain', '产业链环节', true, chainInput('industryChain', '产业链环节', '如：器件、整机、材料'))}
        {item('innovationChain', '创新链环节', true, chainInput('innovationChain', '创新链环节', '如：基础研究、技术开发、成果转化'))}
        {date('startDate', '开始日期')}
        {date('endDate', '结束日期')}
        {item(
          'keywords',
          '关键词（1–8个，输入后回车）',
          true,
          <Select id={fieldId('basic.keywords')} aria-label="关键词" mode="tags" disabled={disabled} value={b.keywords ?? []} maxCount={8} open={false} tokenSeparators={[',', '，', ' ']} onChange={(v: string[]) => set({ keywords: v.map((k) => k.trim()).filter(Boolean) })} />,
        )}
        {item(
          'leadTiers',
          '申报单位层级（如适用）',
          false,
          <Select id={fieldId('basic.leadTiers')} aria-label="申报单位层级" mode="multiple" allowClear disabled={disabled} value={b.leadTiers ?? []} options={ENTERPRISE_TIERS.map((t) => ({ value: t, label: ENTERPRISE_TIER_LABELS[t] }))} onChange={(v: Basic['leadTiers']) => set({ leadTiers: v })} />,
        )}
        <Col span={24}>
          <Form.Item label="市外单位承诺（NB-6，市外单位牵头时填写）">
            <Checkbox disabled={disabled} checked={b.resultsTransferredLocally === true} onChange={(e) => set({ resultsTransferredLocally: e.target.checked })}>
              成果在本市转化
            </Checkbox>
            <Checkbox disabled={disabled} checked={b.companyRegisteredLocally === true} onChange={(e) => set({ companyRegisteredLocally: e.target.checked })}>
              在本市注册公司
            </Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
