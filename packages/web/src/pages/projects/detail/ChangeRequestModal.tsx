/**
 * The request form of one change type (提出项目变更). The payload is checked by the shared schema on the server;
 * an extension shows the current and the new effective end and every deadline that moves with it, computed by the
 * same domain function the decision's explanation uses.
 */
import {
  addMonths, BUDGET_SOURCE_LABELS, BUDGET_SOURCES, BUDGET_SUBJECT_LABELS, BUDGET_SUBJECTS, INDICATOR_KIND_LABELS, INDICATOR_KINDS, movedDeadlines, parseWan, RESEARCH_CONTENT_KEY, TECHNICAL_ROUTE_KEY, yuanToWan,
  type ChangeTypeView, type ChangeView, type ProjectChanges, type ProjectDetail,
} from '@kechuang/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { isApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { WanInput } from '../../../lib/wan';

interface Props {
  project: ProjectDetail;
  data: ProjectChanges;
  type: ChangeTypeView;
  onClose: () => void;
  onDone: () => void;
}

type Values = Record<string, unknown> & { reason: string };

const subjectOptions = BUDGET_SUBJECTS.map((s) => ({ value: s, label: BUDGET_SUBJECT_LABELS[s] }));
const sourceOptions = BUDGET_SOURCES.map((s) => ({ value: s, label: BUDGET_SOURCE_LABELS[s] }));
const wanString = (yuan: number) => String(yuanToWan(yuan));
const yuanOf = (v: unknown): number => { const r = parseWan(String(v ?? '0') || '0'); return r.ok ? r.yuan : Number.NaN; };

/** Initial form values from the task book the change builds on. */
function initialValues(type: ChangeTypeView['type'], data: ProjectChanges): Record<string, unknown> {
  const tb = data.taskBook;
  if (!tb) return {};
  switch (type) {
    case 'extension': return { months: Math.min(6, data.settings.extensionMaxMonths) };
    case 'leader': return { title: '' };
    case 'indicators': return { indicators: tb.indicators };
    case 'content': return { researchContent: tb.sections[RESEARCH_CONTENT_KEY] ?? '', technicalRoute: tb.sections[TECHNICAL_ROUTE_KEY] ?? '', directionUnchanged: true };
    case 'budgetSubjects': return { transfers: [{ source: 'fiscalDistrictYuan' }] };
    case 'budgetPartners': return { shares: tb.partners.map((p) => ({ creditCode: p.creditCode, budgetSharePercent: p.budgetSharePercent })) };
    case 'budgetTotal': return { lines: tb.budget.map((l) => ({ ...l, selfRaisedWan: wanString(l.selfRaisedYuan), otherWan: wanString(l.otherYuan) })) };
    default: return {};
  }
}

/** The payload the server's schema expects, from the form's values (万元 → 元). */
function payloadOf(type: ChangeTypeView['type'], v: Values, data: ProjectChanges): unknown {
  const tb = data.taskBook!;
  switch (type) {
    case 'extension': return { months: v.months };
    case 'leader': return { name: v.name, idNumber: v.idNumber, title: v.title ?? '' };
    case 'undertaker': return { creditCode: v.creditCode };
    case 'indicators': return { indicators: v.indicators };
    case 'content': {
      const changed = (key: string, text: unknown) => (String(text ?? '') !== (tb.sections[key] ?? '') ? String(text ?? '') : '');
      return { researchContent: changed(RESEARCH_CONTENT_KEY, v.researchContent), technicalRoute: changed(TECHNICAL_ROUTE_KEY, v.technicalRoute), directionUnchanged: v.directionUnchanged };
    }
    case 'budgetSubjects': return { transfers: ((v.transfers ?? []) as Record<string, unknown>[]).map((t) => ({ from: t.from, to: t.to, source: t.source, amountYuan: yuanOf(t.amountWan) })) };
    case 'budgetPartners': return { shares: v.shares };
    case 'budgetTotal': return { lines: tb.budget.map((l, i) => { const row = ((v.lines ?? []) as Record<string, unknown>[])[i] ?? {}; return { ...l, selfRaisedYuan: yuanOf(row.selfRaisedWan), otherYuan: yuanOf(row.otherWan) }; }) };
  }
}

function ExtensionPreview({ data, months }: { data: ProjectChanges; months: number }) {
  const before = data.effectiveEndDate;
  if (!before || !Number.isInteger(months) || months < 1) return null;
  const after = addMonths(before, months);
  const moved = movedDeadlines(data.startDate, before, after, data.settings);
  return (
    <>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 8 }} items={[
        { key: 'now', label: '当前有效结束日期', children: before },
        { key: 'new', label: '批准后有效结束日期', children: <b data-testid="extension-new-end">{after}</b> },
      ]} />
      <Table size="small" rowKey="key" pagination={false} dataSource={moved} style={{ marginBottom: 12 }} columns={[
        { title: '将随之移动的期限', dataIndex: 'label' },
        { title: '原日期', dataIndex: 'before', width: 120 },
        { title: '新日期', dataIndex: 'after', width: 120 },
      ]} />
    </>
  );
}

function Fields({ type, data }: { type: ChangeTypeView['type']; data: ProjectChanges }) {
  const s = data.settings;
  switch (type) {
    case 'extension':
      return (
        <>
          <Form.Item name="months" label={`延期月数（不超过${s.extensionMaxMonths}个月）`} rules={[{ required: true, message: '请填写延期月数' }]}>
            <InputNumber min={1} max={60} precision={0} suffix="个月" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.months !== b.months}>
            {(f) => <ExtensionPreview data={data} months={Number(f.getFieldValue('months'))} />}
          </Form.Item>
        </>
      );
    case 'leader':
      return (
        <Row gutter={12}>
          <Col span={8}><Form.Item name="name" label="新负责人姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} /></Form.Item></Col>
          <Col span={10}><Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, message: '请填写身份证号码' }]}><Input maxLength={18} /></Form.Item></Col>
          <Col span={6}><Form.Item name="title" label="职称"><Input maxLength={50} /></Form.Item></Col>
        </Row>
      );
    case 'undertaker':
      return <Form.Item name="creditCode" label="新承担单位统一社会信用代码" extra="新承担单位须已在平台注册" rules={[{ required: true, message: '请填写统一社会信用代码' }]}><Input maxLength={18} style={{ width: 260 }} /></Form.Item>;
    case 'indicators':
      return (
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8}>
                  <Col span={3}><Form.Item name={[f.name, 'kind']}><Select options={INDICATOR_KINDS.map((k) => ({ value: k, label: INDICATOR_KIND_LABELS[k] }))} /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'name']}><Input placeholder="指标名称" /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'unit']}><Input placeholder="单位" /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'currentValue']}><Input placeholder="现有值" /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'targetValue']}><Input placeholder="目标值" /></Form.Item></Col>
                  <Col span={4}><Form.Item name={[f.name, 'verification']}><Input placeholder="考核方式" /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'core']} valuePropName="checked"><Switch checkedChildren="核心" unCheckedChildren="一般" /></Form.Item></Col>
                  <Col span={2}><Button type="link" danger onClick={() => remove(f.name)}>删除</Button></Col>
                </Row>
              ))}
              <Button onClick={() => add({ kind: 'technical', core: true })} style={{ marginBottom: 12 }}>增加指标</Button>
            </>
          )}
        </Form.List>
      );
    case 'content':
      return (
        <>
          <Form.Item name="researchContent" label="主要研究开发内容"><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
          <Form.Item name="technicalRoute" label="技术路线"><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
          <Form.Item name="directionUnchanged" label="研究方向" extra="方向不变且考核指标不降低的，予以备案；否则须科技局审批">
            <Radio.Group options={[{ value: true, label: '研究方向不变' }, { value: false, label: '研究方向改变' }]} />
          </Form.Item>
        </>
      );
    case 'budgetSubjects':
      return (
        <Form.List name="transfers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8}>
                  <Col span={6}><Form.Item name={[f.name, 'from']} rules={[{ required: true, message: '请选择调出科目' }]}><Select placeholder="调出科目" options={subjectOptions} /></Form.Item></Col>
                  <Col span={6}><Form.Item name={[f.name, 'to']} rules={[{ required: true, message: '请选择调入科目' }]}><Select placeholder="调入科目" options={subjectOptions} /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'source']}><Select options={sourceOptions} /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'amountWan']} rules={[{ required: true, message: '请填写金额' }]}><WanInput /></Form.Item></Col>
                  <Col span={2}><Button type="link" danger onClick={() => remove(f.name)}>删除</Button></Col>
                </Row>
              ))}
              <Button onClick={() => add({ source: 'fiscalDistrictYuan' })} style={{ marginBottom: 12 }}>增加一笔调整</Button>
            </>
          )}
        </Form.List>
      );
    case 'budgetPartners':
      return (
        <Form.List name="shares">
          {(fields) => fields.map((f, i) => (
            <Row key={f.key} gutter={8}>
              <Col span={14}><Form.Item label={i === 0 ? '合作单位' : undefined}>{data.taskBook?.partners[i]?.name ?? ''}</Form.Item></Col>
              <Col span={10}><Form.Item name={[f.name, 'budgetSharePercent']} label={i === 0 ? '经费比例' : undefined}><InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          ))}
        </Form.List>
      );
    case 'budgetTotal':
      return (
        <Form.List name="lines">
          {(fields) => fields.map((f, i) => {
            const l = data.taskBook!.budget[i]!;
            return (
              <Row key={f.key} gutter={8}>
                <Col span={8}><Form.Item label={i === 0 ? '科目（财政经费不变）' : undefined}>{BUDGET_SUBJECT_LABELS[l.subject]}：财政 {yuanToWan(l.fiscalCityYuan + l.fiscalDistrictYuan)} 万元</Form.Item></Col>
                <Col span={8}><Form.Item name={[f.name, 'selfRaisedWan']} label={i === 0 ? '自筹' : undefined}><WanInput /></Form.Item></Col>
                <Col span={8}><Form.Item name={[f.name, 'otherWan']} label={i === 0 ? '其他来源' : undefined}><WanInput /></Form.Item></Col>
              </Row>
            );
          })}
        </Form.List>
      );
  }
}

export function ChangeRequestModal({ project, data, type, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [refused, setRefused] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: (v: Values) => api.post<ChangeView>(`/projects/${project.id}/changes`, { type: type.type, payload: payloadOf(type.type, v, data), reason: v.reason }),
    onSuccess: (c) => {
      void message.success(c.status === 'filed' ? `变更第${c.seq}号已备案，已生成补充任务书` : `变更第${c.seq}号已提交，待${c.approver === 'unit' ? '单位管理员' : '科技局'}审批`);
      onDone();
    },
    onError: (e) => {
      // A refusal by the table (deadline, count, fiscal increase …) is shown in the form, in full.
      if (isApiError(e, 'CHANGE_REFUSED') || isApiError(e, 'CHANGE_PENDING') || isApiError(e, 'PROJECT_STATE_REFUSED')) setRefused(e.detail);
      else onError(e, form);
    },
  });
  return (
    <Modal open width={type.type === 'indicators' ? 1100 : 760} title={`申请${type.label}`} okText="提交申请" okButtonProps={{ loading: submit.isPending }} onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => { setRefused(null); submit.mutate(v); })} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${type.approverText}；${type.deadlineText}${type.requestBy ? `（不晚于 ${type.requestBy}）` : ''}`} description={type.condition ?? undefined} />
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="不能提出此变更" description={<span data-testid="change-refused">{refused}</span>} />}
      <Form form={form} layout="vertical" initialValues={initialValues(type.type, data)}>
        <Fields type={type.type} data={data} />
        <Form.Item name="reason" label="变更理由" rules={[{ required: true, whitespace: true, message: '请填写变更理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
