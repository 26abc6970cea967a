/**
 * The actions the server allows this caller on this application (detail.actions), each confirmed in Chinese:
 * 提交/重新提交, 撤回, 审核通过, 推荐, 受理, 退回 (reasons per section or field), and the frozen receipt.
 */
import { DownloadOutlined } from '@ant-design/icons';
import type { CheckProblem, FormSection } from '@kechuang/domain';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { ApplicationDetail } from '../../../api/types';
import { ProblemList } from './ChecksPanel';
import { returnFieldOptions } from './model';

type Chain = 'withdraw' | 'endorse' | 'recommend' | 'accept';
const CHAIN: { event: Chain; label: string; confirm: string; primary?: boolean; danger?: boolean }[] = [
  { event: 'endorse', label: '审核通过', confirm: '确认审核通过这份申报书？通过后将报送下一级。', primary: true },
  { event: 'recommend', label: '推荐', confirm: '确认推荐这份申报书？推荐后由科技局受理。', primary: true },
  { event: 'accept', label: '受理', confirm: '确认受理这份申报书（形式审查通过）？', primary: true },
  { event: 'withdraw', label: '撤回', confirm: '确认撤回这份申报书？撤回后可继续修改并重新提交。', danger: true },
];

interface Props {
  detail: ApplicationDetail;
  sections: readonly FormSection[];
  /** Sends what is pending before a submission, so the version submitted is the one on screen. */
  flush: () => Promise<boolean>;
  onDone: () => void;
  onPick: (field: string) => void;
}

export function ActionBar({ detail, sections, flush, onDone, onPick }: Props) {
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [refused, setRefused] = useState<CheckProblem[] | null>(null);
  const can = (a: string) => detail.actions.includes(a as never);

  const run = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(done);
      onDone();
    } catch (e) {
      // 科研失信: the refusal names the record; it stays on screen until read.
      if (e instanceof ApiError && e.code === 'INTEGRITY_BLOCKED') modal.error({ title: e.title, content: e.detail, okText: '知道了', width: 560 });
      else if (e instanceof ApiError && e.code === 'APPLICATION_INCOMPLETE') setRefused((e.extra.problems as CheckProblem[] | undefined) ?? e.errors.map((x) => ({ rule: 'FORM', message: x.message, field: x.field || undefined })));
      else onError(e);
    } finally {
      setBusy(null);
    }
  };

  const submitLabel = detail.state === 'returned' ? '重新提交' : '提交';
  const submit = () =>
    modal.confirm({
      title: `确认${submitLabel}申报书？`,
      content: '提交后将冻结当前版本并生成申报书回执（PDF），同时自动查重。下一级处理前、指南截止前可以撤回。',
      okText: submitLabel,
      cancelText: '取消',
      onOk: () =>
        run(
          'submit',
          async () => {
            if (!(await flush())) throw new ApiError(409, { code: 'DRAFT_NOT_SAVED', title: '草稿尚未保存', detail: '草稿尚未保存成功，请待“已保存”后再提交' });
            await api.post(`/applications/${detail.id}/submit`);
          },
          `已${submitLabel}`,
        ),
    });

  return (
    <Space wrap>
      {can('submit') || can('resubmit') ? (
        <Button type="primary" loading={busy === 'submit'} onClick={submit}>
          {submitLabel}
        </Button>
      ) : null}
      {CHAIN.filter((c) => can(c.event)).map((c) => (
        <Button
          key={c.event}
          type={c.primary ? 'primary' : 'default'}
          danger={c.danger}
          loading={busy === c.event}
          onClick={() => modal.confirm({ title: c.confirm, okText: c.label, cancelText: '取消', onOk: () => run(c.event, () => api.post(`/applications/${detail.id}/${c.event}`, {}), `已${c.label}`) })}
        >
          {c.label}
        </Button>
      ))}
      {can('return') ? (
        <Button danger onClick={() => setReturning(true)}>
          退回
        </Button>
      ) : null}
      {detail.submittedVersion !== null ? (
        <Button icon={<DownloadOutlined />} onClick={() => void api.download(`/applications/${detail.id}/receipt`, undefined, `${detail.applicationNo}.pdf`).catch(onError)}>
          下载申报书回执
        </Button>
      ) : null}
      <ReturnModal open={returning} detail={detail} sections={sections} onClose={() => setReturning(false)} onDone={() => { setReturning(false); onDone(); }} />
      <Modal open={refused !== null} title={`不能${submitLabel}：还有${refused?.length ?? 0}处问题`} onCancel={() => setRefused(null)} footer={<Button type="primary" onClick={() => setRefused(null)}>知道了</Button>} width={640}>
        <ProblemList problems={refused ?? []} sections={sections} onPick={(f) => { setRefused(null); onPick(f); }} />
      </Modal>
    </Space>
  );
}

interface ReturnForm {
  reasons: { field?: string; reason?: string }[];
  comment?: string;
}

function ReturnModal({ open, detail, sections, onClose, onDone }: { open: boolean; detail: ApplicationDetail; sections: readonly FormSection[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ReturnForm>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const options = returnFieldOptions(sections, detail.call.hasTopics);
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/applications/${detail.id}/return`, { reasons: v.reasons.map((r) => ({ field: r.field!, reason: r.reason!.trim() })), ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) });
      message.success('已退回，申报单位将看到每条理由对应的栏目');
      form.resetFields();
      onDone();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="退回修改" okText="确认退回" cancelText="取消" okButtonProps={{ danger: true, loading: busy }} onOk={() => void send()} onCancel={onClose} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reasons: [{}] }} preserve={false}>
        <Form.List name="reasons">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'field']} label={i === 0 ? '栏目' : undefined} rules={[{ required: true, message: '请选择理由对应的栏目' }]} style={{ width: 260 }}>
                    <Select aria-label={`第${i + 1}条理由对应的栏目`} showSearch optionFilterProp="label" options={options} placeholder="选择章节或字段" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']} label={i === 0 ? '退回理由' : undefined} rules={[{ required: true, whitespace: true, message: '请填写退回理由' }, { max: 1000, message: '退回理由不超过1000个字' }]} style={{ width: 360 }}>
                    <Input.TextArea aria-label={`第${i + 1}条退回理由`} autoSize={{ minRows: 1, maxRows: 4 }} />
                  </Form.Item>
                  {fields.length > 1 ? <Button type="text" aria-label={`删除第${i + 1}条理由`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }} /> : null}
                </Space>
              ))}
              {fields.length < 50 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  再加一条理由
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
        <Form.Item name="comment" label="总体意见（可选）" rules={[{ max: 1000, message: '意见不超过1000个字' }]} style={{ marginTop: 12 }}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
