/**
 * A written objection (异议) to a listed project: a real name and a contact, or an organisation with its sealed
 * letter. Checked in the browser with the same rules as the server (contact format, the letter's type by its
 * first bytes and its size); Tab walks the fields in order and Enter in a field submits.
 */
import { isObjectorContact, OBJECTOR_KIND_LABELS, SEAL_MAX_BYTES, SNIFF_BYTES, sniffFileType, type ObjectorKind, type PublicNoticeItem } from '@kechuang/domain';
import { Alert, App, Button, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { buildUrl, getCsrfToken, resetCsrfToken } from '../../../api/client';
import { ApiError, errorText, networkError, problemFromResponse } from '../../../api/errors';
import { applyFieldErrors } from '../../../api/form-errors';

interface Values {
  itemId?: string;
  objectorKind: ObjectorKind;
  name?: string;
  organisationName?: string;
  contact?: string;
  text?: string;
}

async function sendObjection(noticeId: string, values: Values, seal: File | null, retried = false): Promise<{ reference: string }> {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') body.append(k, v);
  if (seal) body.append('seal', seal, seal.name);
  let res: Response;
  try {
    res = await fetch(buildUrl(`/public/notices/${noticeId}/objections`), { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': await getCsrfToken() } });
  } catch {
    throw networkError();
  }
  if (res.ok) return (await res.json()) as { reference: string };
  const problem = await problemFromResponse(res);
  if (problem.status === 403 && problem.code === 'CSRF_INVALID' && !retried) {
    resetCsrfToken();
    return sendObjection(noticeId, values, seal, true);
  }
  throw problem;
}

/** The sealed letter's problem in Chinese, or null: a PDF, JPG or PNG by content, at most 5 MB. */
async function sealProblem(file: File): Promise<string | null> {
  if (file.size > SEAL_MAX_BYTES) return `盖章文件不能超过 ${SEAL_MAX_BYTES / 1024 / 1024} MB`;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = sniffFileType(head);
  return type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg' ? null : '盖章文件须为 PDF、JPG 或 PNG（按文件内容识别）';
}

export function ObjectionForm({ noticeId, items }: { noticeId: string; items: PublicNoticeItem[] }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const kind = Form.useWatch('objectorKind', form) ?? 'person';
  const [seal, setSeal] = useState<File | null>(null);
  const [sealError, setSealError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);

  if (receipt) {
    return <Result status="success" title="异议已收到" subTitle={`受理编号 ${receipt}。请妥善保存，经办人员将按您留下的联系方式与您联系。`} />;
  }

  const submit = async (values: Values) => {
    if (values.objectorKind === 'organisation' && !seal) {
      setSealError('以单位名义提出异议须上传加盖公章的异议函');
      return;
    }
    if (sealError) return;
    setBusy(true);
    try {
      setReceipt((await sendObjection(noticeId, values, seal)).reference);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const rest = applyFieldErrors(form, e, { fields: ['itemId', 'objectorKind', 'name', 'organisationName', 'contact', 'text'] });
        const onSeal = rest.find((x) => x.field === 'seal');
        if (onSeal) setSealError(onSeal.message);
        else if (rest.length) void message.error(rest.map((x) => x.message).join('；'));
      } else void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ objectorKind: 'person' }} onFinish={(v) => void submit(v)} requiredMark aria-label="提出异议">
      <Form.Item name="itemId" label="异议针对的项目" rules={[{ required: true, message: '请选择异议针对的公示项目' }]}>
        <Select
          aria-label="异议针对的项目"
          placeholder="请选择项目"
          options={items.filter((i) => !i.withdrawn).map((i) => ({ value: i.id, label: `${i.projectTitle}（${i.organisationName}）` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="objectorKind" label="提出方式" rules={[{ required: true, message: '请选择以个人或单位名义提出' }]}>
        <Radio.Group aria-label="提出方式" options={(['person', 'organisation'] as const).map((k) => ({ value: k, label: OBJECTOR_KIND_LABELS[k] }))} />
      </Form.Item>
      {kind === 'organisation' && (
        <Form.Item name="organisationName" label="单位全称" rules={[{ required: true, whitespace: true, message: '以单位名义提出时请填写单位全称' }, { max: 100, message: '单位名称不超过100个字' }]}>
          <Input autoComplete="organization" />
        </Form.Item>
      )}
      <Form.Item name="name" label={kind === 'organisation' ? '经办人真实姓名' : '真实姓名'} rules={[{ required: true, whitespace: true, message: '请填写真实姓名' }, { min: 2, message: '请填写真实姓名（至少2个字）' }, { max: 40, message: '姓名不超过40个字' }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="contact"
        label="联系方式"
        extra="手机号、固定电话（如 0574-55550101）或电子邮箱"
        rules={[{ required: true, whitespace: true, message: '请填写联系方式' }, { validator: async (_, v?: string) => { if (v && !isObjectorContact(v)) throw new Error('请填写有效的手机号、固定电话或电子邮箱'); } }]}
      >
        <Input autoComplete="tel" />
      </Form.Item>
      {kind === 'organisation' && (
        <Form.Item label="加盖公章的异议函" required validateStatus={sealError ? 'error' : undefined} help={sealError ?? 'PDF、JPG 或 PNG，不超过 5 MB'}>
          <input
            type="file"
            aria-label="加盖公章的异议函"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setSeal(f);
              setSealError(null);
              if (f) void sealProblem(f).then(setSealError);
            }}
          />
        </Form.Item>
      )}
      <Form.Item name="text" label="异议内容" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }, { min: 20, message: '异议内容至少20个字，请写明事实和理由' }, { max: 5000, message: '异议内容不超过5000个字' }]}>
        <Input.TextArea rows={5} showCount maxLength={5000} placeholder="请写明事实、理由及相关证据线索" />
      </Form.Item>
      <Alert type="info" showIcon title="异议人身份仅由负责处理异议的经办人员掌握，予以保密。匿名异议不予受理。" style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        在任一输入框中按回车即可提交。
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={busy} block>
        提交异议
      </Button>
    </Form>
  );
}
