/**
 * A decision meeting (局党组会议 or 区政府常务会议, BL-8): the officer records date, minutes number, agenda, minutes
 * and a decision per project (amounts in 万元, never above the funding plan); a leader signs it off, after which
 * the page shows the frozen minutes.
 */
import { AuditOutlined, FilePdfOutlined, SaveOutlined } from '@ant-design/icons';
import { formatCenti, MEETING_DECISION_LABELS, MEETING_DECISIONS, MEETING_KIND_LABELS, type MeetingDecision, type MeetingKind, type MeetingOverview, type MeetingRecordInput } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { dayjs, formatDateTime } from '../../../lib/time';
import { wanRules, wanText, WanInput, wanValueToYuan, yuanToWanValue } from '../../../lib/wan';
import type { RoundTabProps } from './tabs';

interface FormValues {
  heldOn: dayjs.Dayjs;
  minutesNo: string;
  agenda: string;
  minutes: string;
  /** In agenda order. amountYuan holds the 万元 the input shows, sent as 元; the names match the server's field errors. */
  decisions: { decision: MeetingDecision; amountYuan?: string; note: string }[];
}

export function MeetingTab({ round, refresh, kind }: RoundTabProps & { kind: MeetingKind }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState<'save' | 'sign' | null>(null);
  const path = `/review/rounds/${round.id}/meetings/${kind}`;
  const q = useQuery({ queryKey: ['review', 'round', round.id, 'meeting', kind, round.stage], queryFn: () => api.get<MeetingOverview>(path) });
  const o = q.data;
  if (q.isLoading || !o) return <Card loading />;
  const m = o.meeting;
  const label = MEETING_KIND_LABELS[kind];

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing under each field
    const body: MeetingRecordInput = {
      heldOn: v.heldOn.format('YYYY-MM-DD'),
      minutesNo: v.minutesNo,
      agenda: v.agenda ?? '',
      minutes: v.minutes,
      decisions: v.decisions.map((d, i) => ({ applicationId: o.agenda[i]!.applicationId, decision: d.decision, amountYuan: d.decision === 'approve' ? (wanValueToYuan(d.amountYuan) ?? null) : null, note: d.note ?? '' })),
    };
    setBusy('save');
    try {
      await api.put(path, body);
      void message.success(`${label}记录已保存，待领导签发`);
      await q.refetch();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(null);
    }
  };
  const signOff = async () => {
    setBusy('sign');
    try {
      await api.post(`${path}/signoff`);
      void message.success(`${label}纪要已签发`);
      await q.refetch();
      refresh();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const download = () => void api.download(`${path}/minutes.pdf`, undefined, `${label}纪要.pdf`).catch(onError);
  if (m?.signedAt) return <FrozenMeeting overview={o} onDownload={download} />;
  if (o.agenda.length === 0) return <Empty description={kind === 'party' ? '资金方案完成后，拟资助项目将列入局党组会议议程' : '局党组会议签发后，其同意立项的项目将列入区政府常务会议议程'} />;

  const initial: Partial<FormValues> = {
    heldOn: m ? dayjs(m.heldOn) : dayjs(),
    minutesNo: m?.minutesNo ?? '',
    agenda: m?.agenda ?? '',
    minutes: m?.minutes ?? '',
    decisions: o.agenda.map((a) => {
      const d = m?.decisions.find((x) => x.applicationId === a.applicationId);
      return { decision: d?.decision ?? 'approve', amountYuan: yuanToWanValue(d ? d.amountYuan : a.proposedAmountYuan), note: d?.note ?? '' };
    }),
  };
  const editable = o.actions.record;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {m ? <Alert type="info" showIcon message={`已由${m.recordedByName}于 ${formatDateTime(m.recordedAt)} 记录，待领导签发；签发后纪要与决定不可更改。`} />
        : !editable && <Alert type="warning" showIcon message={round.stage === (kind === 'party' ? 'partyMeeting' : 'executiveMeeting') ? '会议尚未记录。' : `评审尚未进入${label}阶段。`} />}
      <Form form={form} name={`meeting-${kind}`} layout="vertical" initialValues={initial} disabled={!editable}>
        <Card size="small" title={`${label}记录`}>
          <Space size={16} wrap>
            <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
              <DatePicker aria-label="会议日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="minutesNo" label="会议纪要编号" rules={[{ required: true, whitespace: true, message: '请填写会议纪要编号' }]}>
              <Input style={{ width: 280 }} maxLength={60} placeholder="如：局党组〔2026〕12号" />
            </Form.Item>
          </Space>
          <Form.Item name="agenda" label="议程">
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, whitespace: true, message: '请填写会议纪要' }]}>
            <Input.TextArea rows={4} maxLength={20000} />
          </Form.Item>
        </Card>
        <Card size="small" title="逐项决定" style={{ marginTop: 16 }} extra={<Typography.Text type="secondary">金额不得高于资金方案（已按年度预算核定，BL-4），只能调减</Typography.Text>}>
          <Form.List name="decisions">
            {(fields) => (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                columns={[
                  { title: '排名', width: 56, render: (_, f) => o.agenda[f.name]!.rank ?? '—' },
                  { title: '项目', render: (_, f) => { const a = o.agenda[f.name]!; return <><div>{a.title}</div><Typography.Text type="secondary">{a.applicationNo} · {a.organisationName}{a.scoreCenti !== null ? ` · ${formatCenti(a.scoreCenti)}分` : ''}</Typography.Text></>; } },
                  { title: '方案金额', width: 100, align: 'right', render: (_, f) => wanText(o.agenda[f.name]!.plannedAmountYuan) },
                  ...(kind === 'executive' ? [{ title: '党组会议金额', width: 110, align: 'right' as const, render: (_: unknown, f: { name: number }) => wanText(o.agenda[f.name]!.proposedAmountYuan) }] : []),
                  { title: '决定', width: 130, render: (_, f) => (
                    <Form.Item name={[f.name, 'decision']} style={{ marginBottom: 0 }}>
                      <Select aria-label={`${o.agenda[f.name]!.applicationNo}的决定`} options={MEETING_DECISIONS.map((d) => ({ value: d, label: MEETING_DECISION_LABELS[d] }))} />
                    </Form.Item>
                  ) },
                  { title: '金额（万元）', width: 150, render: (_, f) => (
                    <Form.Item noStyle dependencies={[['decisions', f.name, 'decision']]}>
                      {({ getFieldValue }) => getFieldValue(['decisions', f.name, 'decision']) === 'approve' ? (
                        <Form.Item name={[f.name, 'amountYuan']} style={{ marginBottom: 0 }} rules={[
                          ...wanRules('金额', { required: '请填写金额', positive: true }),
                          { validator: async (_r, v: unknown) => { const y = wanValueToYuan(v); if (y !== undefined && y > o.agenda[f.name]!.capYuan) throw new Error(`不能高于方案金额${wanText(o.agenda[f.name]!.capYuan)}`); } },
                        ]}>
                          <WanInput aria-label={`${o.agenda[f.name]!.applicationNo}的金额`} />
                        </Form.Item>
                      ) : <Typography.Text type="secondary">—</Typography.Text>}
                    </Form.Item>
                  ) },
                  { title: '说明', width: 220, render: (_, f) => (
                    <Form.Item noStyle dependencies={[['decisions', f.name, 'decision']]}>
                      {({ getFieldValue }) => (
                        <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }} rules={[{ required: getFieldValue(['decisions', f.name, 'decision']) !== 'approve', whitespace: true, message: '不予立项或暂缓须写明理由' }]}>
                          <Input aria-label={`${o.agenda[f.name]!.applicationNo}的说明`} maxLength={1000} />
                        </Form.Item>
                      )}
                    </Form.Item>
                  ) },
                ]}
              />
            )}
          </Form.List>
        </Card>
      </Form>
      <Space>
        {editable && <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={save}>{m ? '更正会议记录' : '保存会议记录'}</Button>}
        {m && <Button icon={<FilePdfOutlined />} onClick={download}>纪要 PDF（草稿）</Button>}
        {o.actions.signOff && (
          <Popconfirm title={`签发${label}纪要？`} description="签发后纪要与决定不可更改，评审进入下一阶段。" okText="签发" cancelText="取消" onConfirm={signOff}>
            <Button type="primary" icon={<AuditOutlined />} loading={busy === 'sign'}>领导签发</Button>
          </Popconfirm>
        )}
      </Space>
    </Space>
  );
}

function FrozenMeeting({ overview, onDownload }: { overview: MeetingOverview; onDownload: () => void }) {
  const m = overview.meeting!;
  const names = new Map(overview.agenda.map((a) => [a.applicationId, a]));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="success" showIcon message={`${MEETING_KIND_LABELS[m.kind]}纪要已由${m.signedByName}于 ${formatDateTime(m.signedAt)} 签发，纪要与决定已锁定`} action={<Button size="small" icon={<FilePdfOutlined />} onClick={onDownload}>下载纪要 PDF</Button>} />
      <Descriptions bordered size="small" column={2} items={[
        { key: 'date', label: '会议日期', children: m.heldOn },
        { key: 'no', label: '会议纪要编号', children: m.minutesNo },
        { key: 'agenda', label: '议程', span: 2, children: m.agenda || '—' },
        { key: 'minutes', label: '会议纪要', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.minutes}</Typography.Paragraph> },
        { key: 'rec', label: '记录人', children: `${m.recordedByName} ${formatDateTime(m.recordedAt)}` },
        { key: 'sign', label: '签发', children: `${m.signedByName} ${formatDateTime(m.signedAt)}` },
      ]} />
      <Table
        size="small"
        rowKey="applicationId"
        pagination={false}
        dataSource={m.decisions}
        columns={[
          { title: '项目', render: (_, d) => { const a = names.get(d.applicationId); return a ? <><div>{a.title}</div><Typography.Text type="secondary">{a.applicationNo} · {a.organisationName}</Typography.Text></> : d.applicationId; } },
          { title: '方案金额', width: 110, align: 'right', render: (_, d) => wanText(names.get(d.applicationId)?.plannedAmountYuan) },
          { title: '决定', width: 100, render: (_, d) => <Tag color={d.decision === 'approve' ? 'green' : d.decision === 'defer' ? 'orange' : 'red'}>{MEETING_DECISION_LABELS[d.decision]}</Tag> },
          { title: '决定金额', width: 110, align: 'right', render: (_, d) => wanText(d.amountYuan) },
          { title: '说明', dataIndex: 'note', width: 260 },
        ]}
      />
    </Space>
  );
}
