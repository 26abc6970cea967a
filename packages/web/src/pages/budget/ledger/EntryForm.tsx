/** 记录变动 (budget.manage): one movement of the ledger; an overdraft is refused on the amount with the shortfall. */
import { ProForm, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { BudgetEntryKind, BudgetLedgerView } from '../../../api/programmes';
import { ProFormWan, wanRules, wanValueToYuan } from '../../../lib/wan';
import { ENTRY_KIND_LABELS } from './ledger-labels';

interface Values {
  kind: BudgetEntryKind;
  amount: string;
  reference?: string;
  note?: string;
}

interface Props {
  code: string;
  year: number;
  onRecorded: (ledger: BudgetLedgerView) => void;
}

export function EntryForm({ code, year, onRecorded }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const kind = Form.useWatch('kind', form);

  return (
    <ProForm<Values>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'commit' }}
      submitter={{ searchConfig: { submitText: '记录变动', resetText: '清空' } }}
      onFinish={async (v) => {
        const amountYuan = wanValueToYuan(v.amount) ?? 0;
        try {
          const ledger = await api.post<BudgetLedgerView>(`/programmes/${encodeURIComponent(code)}/budget/${year}/entries`, {
            kind: v.kind,
            amountYuan,
            reference: v.reference?.trim() ?? '',
            note: v.note?.trim() ?? '',
          });
          void message.success(`已记录${ENTRY_KIND_LABELS[v.kind].text} ${v.amount}万元`);
          form.resetFields(['amount', 'reference', 'note']);
          onRecorded(ledger);
          return true;
        } catch (error) {
          // BUDGET_OVERDRAWN names amountYuan: the form's amount is typed in 万元 under another name.
          onError(error, form, { mapField: (f) => (f === 'amountYuan' ? 'amount' : f) });
          return false;
        }
      }}
    >
      <ProFormSelect
        name="kind"
        label="变动类型"
        allowClear={false}
        options={Object.entries(ENTRY_KIND_LABELS).map(([value, l]) => ({ value, label: l.text }))}
        extra={kind ? ENTRY_KIND_LABELS[kind].hint : undefined}
        rules={[{ required: true, message: '请选择变动类型' }]}
      />
      <ProFormWan name="amount" label="金额" rules={wanRules('金额', { required: '请填写金额（万元）', positive: true })} />
      <ProFormText name="reference" label="依据或项目编号" placeholder="如 立项批复文号、项目编号" fieldProps={{ maxLength: 100 }} />
      <ProFormText name="note" label="备注" fieldProps={{ maxLength: 500 }} />
    </ProForm>
  );
}
