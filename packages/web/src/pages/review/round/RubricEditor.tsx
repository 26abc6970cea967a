/**
 * The round's rubric (评分细则) and aggregation settings, editable by the officer until the first sheet is
 * submitted. The drop-extremes threshold shows the programme's default beside the round's own value.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { defaultRubricCriteria, formatCenti, parsePointsCenti, type ReviewRoundApplication, type ScoringRubric } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { dayjs, formatDateTime, toShanghaiIso } from '../../../lib/time';

interface RubricView {
  rubric: ScoringRubric | null;
  programmeDropExtremesMin: number | null;
  editable: boolean;
  submittedSheets: number;
}

interface FormValues {
  criteria: ScoringRubric['criteria'];
  closesAt: unknown;
  dropExtremesMin: number | null;
  normalise: boolean;
  divergencePoints: number;
  championBonus: string;
  champions: { applicationId: string; basis: string }[];
}

export function RubricEditor({ roundId, canManage, applications }: { roundId: string; canManage: boolean; applications: ReviewRoundApplication[] }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const q = useQuery({ queryKey: ['review', 'round', roundId, 'rubric'], queryFn: () => api.get<RubricView>(`/review/rounds/${roundId}/rubric`) });
  const save = useMutation({
    mutationFn: (body: ScoringRubric) => api.put<RubricView>(`/review/rounds/${roundId}/rubric`, body),
    onSuccess: (d) => {
      qc.setQueryData(['review', 'round', roundId, 'rubric'], d);
      void qc.invalidateQueries({ queryKey: ['review', 'round', roundId, 'scoring'] });
      void message.success('评分细则已保存');
    },
    onError: (e) => onError(e, form),
  });
  if (!q.data) return null;
  const { rubric, programmeDropExtremesMin, editable } = q.data;
  const disabled = !editable || !canManage;
  const initial: FormValues = {
    criteria: rubric?.criteria ?? defaultRubricCriteria(),
    closesAt: rubric ? dayjs(formatDateTime(rubric.closesAt)) : undefined,
    dropExtremesMin: rubric ? rubric.aggregation.dropExtremesMin : programmeDropExtremesMin,
    normalise: rubric?.aggregation.normalise ?? false,
    divergencePoints: rubric?.aggregation.divergencePoints ?? 20,
    championBonus: rubric ? formatCenti(rubric.aggregation.championBonusCenti) : '0',
    champions: rubric?.champions ?? [],
  };
  const submit = (v: FormValues) => {
    const closesAt = toShanghaiIso(v.closesAt);
    if (!closesAt) return void form.setFields([{ name: 'closesAt', errors: ['请选择评分截止时间'] }]);
    const bonus = parsePointsCenti(v.championBonus || '0');
    if (bonus === null) return void form.setFields([{ name: 'championBonus', errors: ['加分最多两位小数'] }]);
    save.mutate({
      criteria: v.criteria.map((c, i) => ({ ...c, key: c.key || `c${i + 1}`, description: c.description ?? '', commentRequired: !!c.commentRequired })),
      closesAt,
      aggregation: { dropExtremesMin: v.dropExtremesMin ?? null, normalise: v.normalise, divergencePoints: v.divergencePoints, championBonusCenti: bonus },
      champions: v.champions ?? [],
    });
  };
  return (
    <Card size="small" title="评分细则与汇总设置" extra={rubric ? <Typography.Text type="secondary">截止 {formatDateTime(rubric.closesAt)}</Typography.Text> : null}>
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={q.data.submittedSheets ? `已有 ${q.data.submittedSheets} 份评分表提交，评分细则不能再修改。` : '当前阶段不能修改评分细则。'} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} disabled={disabled} onFinish={submit}>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col span={5}><Form.Item name={[f.name, 'name']} label={i === 0 ? '评分指标' : undefined} rules={[{ required: true, message: '请填写指标名称' }]}><Input aria-label={`第${i + 1}项指标名称`} /></Form.Item></Col>
                  <Col span={8}><Form.Item name={[f.name, 'description']} label={i === 0 ? '说明' : undefined}><Input aria-label={`第${i + 1}项说明`} /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'maxPoints']} label={i === 0 ? '满分' : undefined} rules={[{ required: true, message: '必填' }]}><InputNumber aria-label={`第${i + 1}项满分`} min={1} max={100} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'weight']} label={i === 0 ? '权重' : undefined} rules={[{ required: true, message: '必填' }]}><InputNumber aria-label={`第${i + 1}项权重`} min={1} max={100} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'commentRequired']} label={i === 0 ? '评语' : undefined} valuePropName="checked"><Checkbox aria-label={`第${i + 1}项须填评语`}>必填</Checkbox></Form.Item></Col>
                  <Col span={2}><Form.Item label={i === 0 ? ' ' : undefined}><Button type="text" aria-label={`删除第${i + 1}项`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} disabled={disabled || fields.length <= 1} /></Form.Item></Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `c${Date.now() % 100000}`, name: '', description: '', maxPoints: 10, weight: 10, commentRequired: false })} style={{ marginBottom: 16 }}>增加指标</Button>
              <Form.Item shouldUpdate noStyle>{() => {
                const sum = (form.getFieldValue('criteria') as FormValues['criteria'] | undefined)?.reduce((s, c) => s + (Number(c?.weight) || 0), 0) ?? 0;
                return <Typography.Paragraph type={sum === 100 ? 'secondary' : 'danger'}>权重合计 {sum}（须为 100）；评分表总分 = Σ 得分 × 权重 ÷ 满分，四舍五入到 0.01 分。</Typography.Paragraph>;
              }}</Form.Item>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={6}><Form.Item name="closesAt" label="评分截止时间（北京时间）" rules={[{ required: true, message: '请选择评分截止时间' }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" aria-label="评分截止时间" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="dropExtremesMin" label="去掉最高最低分的最少评分数" extra={`计划默认：${programmeDropExtremesMin ?? '不去掉'}；本轮可改，留空则一律平均`}><InputNumber aria-label="去掉最高最低分的最少评分数" min={3} max={50} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}><Form.Item name="divergencePoints" label="分歧阈值（分）" extra="最高与最低分相差达此值即标记"><InputNumber aria-label="分歧阈值" min={1} max={100} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}><Form.Item name="normalise" label="按专家归一化" valuePropName="checked" extra="专家均分对齐全体均分"><Switch aria-label="按专家归一化" /></Form.Item></Col>
          <Col span={4}><Form.Item name="championBonus" label="冠军企业加分（YJ-9）" extra="指南未设加分时填 0"><Input aria-label="冠军企业加分" suffix="分" /></Form.Item></Col>
        </Row>
        <Form.List name="champions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'applicationId']} rules={[{ required: true, message: '请选择申报书' }]}>
                    <Select aria-label={`冠军企业申报书${i + 1}`} style={{ width: 360 }} showSearch optionFilterProp="label" options={applications.map((a) => ({ value: a.applicationId, label: `${a.applicationNo} ${a.organisationName}` }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'basis']} rules={[{ required: true, min: 2, message: '请填写认定依据' }]}>
                    <Input aria-label={`认定依据${i + 1}`} placeholder="认定依据，如：工信部第八批制造业单项冠军企业名单" style={{ width: 420 }} />
                  </Form.Item>
                  <Button type="text" aria-label={`删除冠军标记${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ applicationId: undefined, basis: '' })} style={{ marginBottom: 16 }}>标记冠军企业（单项冠军）</Button>
            </>
          )}
        </Form.List>
        {canManage && <Button type="primary" htmlType="submit" loading={save.isPending} disabled={disabled}>保存评分细则</Button>}
      </Form>
    </Card>
  );
}
