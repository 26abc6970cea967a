/** The expert page's two small forms: an officer's rating of a round (反向评价) and opening the expert's login. */
import { ModalForm, ProFormRate, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import type { Expert, ExpertLoginResult } from '@kechuang/domain';
import { Form } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';

export function RateRoundModal({ expertId, target, onClose, onRated }: { expertId: string; target: { roundId: string; callTitle: string } | null; onClose: () => void; onRated: () => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  return (
    <ModalForm
      title={`评价专家在“${target?.callTitle ?? ''}”中的工作`}
      form={form}
      open={target !== null}
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      onFinish={async (v: { score: number; comment?: string }) => {
        try {
          await api.post(`/experts/${expertId}/ratings`, { roundId: target!.roundId, score: v.score, comment: v.comment ?? '' });
          onRated();
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <ProFormRate name="score" label="评分" rules={[{ required: true, message: '请选择评分（1–5分）' }]} />
      <ProFormTextArea name="comment" label="评语" fieldProps={{ maxLength: 500, showCount: true }} />
    </ModalForm>
  );
}

export function CreateLoginModal({ expert, open, onClose, onCreated }: { expert: Expert; open: boolean; onClose: () => void; onCreated: (r: ExpertLoginResult) => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  return (
    <ModalForm
      title={`为 ${expert.name} 开通登录账号`}
      form={form}
      open={open}
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      onFinish={async (v: { username: string }) => {
        try {
          onCreated(await api.post<ExpertLoginResult>(`/experts/${expert.id}/login`, { username: v.username }));
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <ProFormText name="username" label="用户名" placeholder="字母、数字和 _ . -" rules={[{ required: true, message: '请填写用户名' }]} />
    </ModalForm>
  );
}
