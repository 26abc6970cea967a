/**
 * 新建评价 / 编辑指标: the evaluation's title, year and indicators (name, weight %, direction), with the weight
 * total checked as it is typed. Indicator codes are generated (i1, i2…) and kept on edit, so the towns' values
 * stay attached to their indicators; a removed indicator's values are dropped with it.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDigit, ProFormText } from '@ant-design/pro-components';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Radio, Row, Tag, Tooltip, Typography } from 'antd';
import { useApiErrorHandler } from '../../../api/form-errors';
import { yearShanghai } from '../shared/dates';
import { saveTownEvaluation } from './api';
import type { TownDirection, TownEvaluationDetail, TownIndicator, TownValues } from './types';

interface IndicatorRow {
  /** Absent on a row added in this form; generated on save. */
  code?: string;
  name?: string;
  weight?: number | null;
  direction?: TownDirection;
}

interface Values {
  title: string;
  year: number;
  indicators: IndicatorRow[];
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The evaluation to edit (its towns are kept), or null to create one. */
  editing: TownEvaluationDetail | null;
  onSaved: (id: string) => void;
}

export const DIRECTION_LABELS: Record<TownDirection, { text: string; hint: string; color: string }> = {
  higher: { text: '正向', hint: '数值越大越好', color: 'blue' },
  lower: { text: '逆向', hint: '数值越小越好', color: 'orange' },
};

const weightSum = (rows: IndicatorRow[] | undefined) => (rows ?? []).reduce((s, r) => s + (typeof r?.weight === 'number' && Number.isFinite(r.weight) ? r.weight : 0), 0);

/** Keeps the codes rows already have; gives new rows the next free i1, i2…. */
export function assignCodes(rows: IndicatorRow[]): TownIndicator[] {
  const used = new Set(rows.map((r) => r.code).filter((c): c is string => !!c));
  let n = 0;
  const next = () => {
    do n += 1;
    while (used.has(`i${n}`));
    used.add(`i${n}`);
    return `i${n}`;
  };
  return rows.map((r) => ({ code: r.code || next(), name: (r.name ?? '').trim(), weight: r.weight ?? 0, direction: r.direction ?? 'higher' }));
}

/** The towns with the values of removed indicators taken out (the server refuses values for unknown codes). */
function keptTowns(towns: TownValues[], indicators: TownIndicator[]): TownValues[] {
  const known = new Set(indicators.map((i) => i.code));
  return towns.map((t) => ({ ...t, values: Object.fromEntries(Object.entries(t.values).filter(([code]) => known.has(code))) }));
}

function WeightTotal({ rows }: { rows: IndicatorRow[] | undefined }) {
  const sum = weightSum(rows);
  const ok = sum === 100;
  return (
    <Flex align="center" gap={8} aria-live="polite">
      <Typography.Text>权重合计</Typography.Text>
      <Tag color={ok ? 'success' : 'error'} style={{ fontSize: 14, paddingInline: 8 }}>
        {sum}%
      </Tag>
      <Typography.Text type={ok ? 'success' : 'danger'}>{ok ? '合计为100%，可以保存' : sum < 100 ? `还差 ${100 - sum}%，合计须为100%` : `超出 ${sum - 100}%，合计须为100%`}</Typography.Text>
    </Flex>
  );
}

export function TownEvaluationFormModal({ open, onOpenChange, editing, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const rows = Form.useWatch('indicators', form);
  const removed = editing ? editing.indicators.filter((i) => !(rows ?? []).some((r) => r?.code === i.code)) : [];
  const added = (rows ?? []).filter((r) => r && !r.code).length;

  const initialValues: Partial<Values> = editing
    ? { title: editing.title, year: editing.year, indicators: editing.indicators.map((i) => ({ ...i })) }
    : { year: yearShanghai() - 1, indicators: [{ name: '', weight: null, direction: 'higher' }] };

  const onFinish = async (v: Values) => {
    const sum = weightSum(v.indicators);
    if (sum !== 100) {
      void message.error(`指标权重之和须为100%，现为${sum}%，请调整后再保存`);
      return false;
    }
    const indicators = assignCodes(v.indicators ?? []);
    try {
      const res = await saveTownEvaluation(editing?.id ?? null, {
        title: v.title.trim(),
        year: v.year,
        indicators,
        towns: editing ? keptTowns(editing.towns, indicators) : [],
      });
      onSaved(res.id);
      return true;
    } catch (error) {
      onError(error, form);
      return false;
    }
  };

  return (
    <ModalForm<Values>
      title={editing ? '编辑指标' : '新建评价'}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={760}
      layout="vertical"
      grid
      rowProps={{ gutter: 16 }}
      initialValues={initialValues}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: editing ? '保存' : '创建', resetText: '取消' } }}
      onFinish={onFinish}
    >
      <ProFormText
        name="title"
        label="评价名称"
        colProps={{ span: 16 }}
        placeholder="如：2025年度镇乡（街道）科技创新能力评价"
        fieldProps={{ maxLength: 100, showCount: true }}
        rules={[{ required: true, whitespace: true, message: '请填写评价名称' }]}
      />
      <ProFormDigit
        name="year"
        label="评价年度"
        colProps={{ span: 8 }}
        min={2000}
        max={2100}
        fieldProps={{ precision: 0, suffix: '年' }}
        rules={[{ required: true, message: '请填写评价年度' }]}
      />
      <Col span={24}>
        <Form.Item
          label="评价指标"
          required
          tooltip="每项指标在参评镇街间做最小—最大归一化：正向指标最高者得满分（即该指标权重），最低者得0分；逆向指标相反。缺报的指标计0分。"
          style={{ marginBottom: 8 }}
        >
          <Form.List
            name="indicators"
            rules={[
              {
                // The weight total is shown live under the list (a list rule is not re-run when a weight changes).
                validator: async (_r, v: IndicatorRow[] | undefined) => {
                  if (!v?.length) throw new Error('请至少设置一项指标');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.length > 0 && (
                  <Row gutter={8} style={{ marginBottom: 4 }}>
                    <Col flex="32px" />
                    <Col flex="auto">
                      <Typography.Text type="secondary">指标名称（含单位）</Typography.Text>
                    </Col>
                    <Col flex="130px">
                      <Typography.Text type="secondary">权重</Typography.Text>
                    </Col>
                    <Col flex="150px">
                      <Typography.Text type="secondary">方向</Typography.Text>
                    </Col>
                    <Col flex="32px" />
                  </Row>
                )}
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top" wrap={false}>
                    <Col flex="32px" style={{ paddingTop: 5, textAlign: 'right' }}>
                      <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                    </Col>
                    <Form.Item name={[field.name, 'code']} hidden noStyle>
                      <Input />
                    </Form.Item>
                    <Col flex="auto">
                      <Form.Item
                        name={[field.name, 'name']}
                        style={{ marginBottom: 12 }}
                        rules={[
                          { required: true, whitespace: true, message: '请填写指标名称' },
                          {
                            validator: async (_r, name: string | undefined) => {
                              const n = name?.trim();
                              if (!n) return;
                              const all = (form.getFieldValue('indicators') as IndicatorRow[] | undefined) ?? [];
                              if (all.filter((r) => r?.name?.trim() === n).length > 1) throw new Error('指标名称重复（导入模板按名称对应各列）');
                            },
                          },
                        ]}
                      >
                        <Input placeholder="如：高新技术企业数（家）" maxLength={60} aria-label={`第${index + 1}项指标名称`} />
                      </Form.Item>
                    </Col>
                    <Col flex="130px">
                      <Form.Item name={[field.name, 'weight']} style={{ marginBottom: 12 }} rules={[{ required: true, message: '请填写权重' }]}>
                        <InputNumber min={0} max={100} precision={0} suffix="%" placeholder="0—100" style={{ width: '100%' }} aria-label={`第${index + 1}项指标权重`} />
                      </Form.Item>
                    </Col>
                    <Col flex="150px">
                      <Form.Item name={[field.name, 'direction']} style={{ marginBottom: 12 }} initialValue="higher">
                        <Radio.Group
                          optionType="button"
                          options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: <Tooltip title={DIRECTION_LABELS[d].hint}>{DIRECTION_LABELS[d].text}</Tooltip> }))}
                          aria-label={`第${index + 1}项指标方向`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="32px">
                      <Tooltip title="删除此指标">
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${index + 1}项指标`} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                      </Tooltip>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} disabled={fields.length >= 30} onClick={() => add({ name: '', weight: null, direction: 'higher' })}>
                  添加指标
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
      </Col>
      <Col span={24} style={{ marginBottom: 16 }}>
        <WeightTotal rows={rows} />
      </Col>
      {editing && editing.towns.length > 0 && (removed.length > 0 || added > 0) && (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            title="镇街数据将保留，但请注意："
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {removed.length > 0 && <li>删除的指标（{removed.map((i) => i.name).join('、')}）的各镇街数据将一并删除。</li>}
                {added > 0 && <li>新增的 {added} 项指标暂无数据，各镇街计为缺报（0分）；请保存后下载模板补填并导入。</li>}
              </ul>
            }
          />
        </Col>
      )}
    </ModalForm>
  );
}
