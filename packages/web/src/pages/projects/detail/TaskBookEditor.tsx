/**
 * The officer's draft editor (任务书草稿): the 主管部门 party, and the indicators — their targets and whether each is
 * a core indicator (核心指标). Saving never refuses for the check's problems: they come back beside the fields.
 */
import { INDICATOR_KIND_LABELS, type TaskBookContent, type TaskBookOverview, type TaskBookProblem, type TaskBookVersionView } from '@kechuang/domain';
import { Alert, Button, Drawer, Form, Input, Select, Space, Switch, Table, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';

interface Values {
  hasDepartment: boolean;
  department: string;
  indicators: TaskBookContent['indicators'];
}

const EDITABLE = /^indicators\.(\d+)\.(name|unit|targetValue|currentValue|verification|core)$/;

/** Puts every problem of the check under its field in the form; the rest are listed above it. */
function showProblems(form: FormInstance, problems: TaskBookProblem[]): TaskBookProblem[] {
  const rest: TaskBookProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const m = EDITABLE.exec(p.field);
    const key = m ? `indicators.${m[1]}.${m[2]}` : p.field.startsWith('parties.department') ? 'department' : null;
    if (!key) rest.push(p);
    else byField.set(key, [...(byField.get(key) ?? []), p.message]);
  }
  form.setFields([...byField].map(([k, errors]) => ({ name: k.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors })));
  return rest;
}

export function TaskBookEditor({ projectId, version, open, onClose, onSaved }: { projectId: string; version: TaskBookVersionView; open: boolean; onClose: () => void; onSaved: (o: TaskBookOverview) => void }) {
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const [saving, setSaving] = useState(false);
  const [others, setOthers] = useState<TaskBookProblem[]>([]);
  const hasDepartment = Form.useWatch('hasDepartment', form);

  useEffect(() => {
    if (!open) return;
    const c = version.content;
    form.setFieldsValue({ hasDepartment: c.parties.department !== null, department: c.parties.department ?? '', indicators: c.indicators });
    setOthers(showProblems(form, version.problems));
  }, [open, version, form]);

  const save = async () => {
    const v = await form.validateFields();
    const content: TaskBookContent = {
      ...version.content,
      parties: { ...version.content.parties, department: v.hasDepartment ? v.department.trim() : null },
      indicators: v.indicators.map((i, n) => ({ ...version.content.indicators[n]!, ...i })),
    };
    setSaving(true);
    try {
      const o = await api.put<TaskBookOverview>(`/projects/${projectId}/task-book/draft`, { baseHash: version.contentHash, content });
      const next = o.versions.find((x) => x.id === version.id)!;
      (form as FormInstance).setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
      setOthers(showProblems(form, next.problems));
      onSaved(o);
      if (next.problems.length === 0) onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TASK_BOOK_STALE') onError(new ApiError(e.status, { title: e.title, detail: '草稿已被他人修改：请关闭后重新打开编辑。', code: e.code }));
      else onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size={960} title={`编辑任务书第${version.versionNo}版草稿`} destroyOnHidden
      extra={<Space><Button onClick={onClose}>关闭</Button><Button type="primary" loading={saving} onClick={() => void save()}>保存草稿</Button></Space>}>
      {others.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="其他核对问题（提交签署前须解决）" description={others.map((p) => <div key={`${p.field}${p.message}`}>{p.message}</div>)} />}
      <Form<Values> form={form} layout="vertical">
        <Space align="start" size="large">
          <Form.Item name="hasDepartment" label="有主管部门（丙方）" valuePropName="checked"><Switch /></Form.Item>
          {hasDepartment && (
            <Form.Item name="department" label="主管部门名称" style={{ width: 360 }} rules={[{ required: true, whitespace: true, message: '请填写主管部门名称' }, { max: 100 }]}>
              <Input placeholder="如：北仑区经济和信息化局" />
            </Form.Item>
          )}
        </Space>
        <Typography.Title level={5}>考核指标</Typography.Title>
        <Typography.Paragraph type="secondary">目标值不得低于申报书（写明“≤ / 不高于 / 以下”的指标越低越好），指标不得删除；可标记核心指标。</Typography.Paragraph>
        <Form.List name="indicators">
          {(fields) => (
            <Table size="small" rowKey="key" pagination={false} dataSource={fields} columns={[
              { title: '类型', width: 90, render: (_, f) => INDICATOR_KIND_LABELS[version.content.indicators[f.name]?.kind ?? 'technical'] },
              { title: '指标', render: (_, f) => <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}><Input disabled /></Form.Item> },
              { title: '单位', width: 90, render: (_, f) => <Form.Item name={[f.name, 'unit']} style={{ margin: 0 }}><Input disabled /></Form.Item> },
              { title: '目标值', width: 200, render: (_, f) => <Form.Item name={[f.name, 'targetValue']} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: '请填写目标值' }]}><Input aria-label={`目标值 ${f.name + 1}`} /></Form.Item> },
              { title: '核心指标', width: 110, render: (_, f) => (
                <Form.Item name={[f.name, 'core']} style={{ margin: 0 }} getValueFromEvent={(v: string) => v === 'core'} getValueProps={(v: boolean) => ({ value: v ? 'core' : 'other' })}>
                  <Select aria-label={`核心指标 ${f.name + 1}`} options={[{ value: 'core', label: '核心' }, { value: 'other', label: '非核心' }]} />
                </Form.Item>
              ) },
            ]} />
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
