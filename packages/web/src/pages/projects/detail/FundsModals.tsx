/** The 资金 tab's forms: 拨付 one instalment, adjust the schedule, record a stage check. The server checks every rule and says why. */
import { ModalForm, ProForm, ProFormDatePicker, ProFormList, ProFormRadio, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { INSTALMENT_CONDITION_LABELS, INSTALMENT_CONDITIONS, INSTALMENT_STATUS_LABELS, MAX_INSTALMENTS, STAGE_CHECK_RESULT_LABELS, STAGE_CHECK_RESULTS, type DisbursementView } from '@kechuang/domain';
import { Alert, Descriptions, Form } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ApiError, errorText } from '../../../api/errors';
import { applyFieldErrors } from '../../../api/form-errors';
import { APP_TIME_ZONE, dayjs } from '../../../lib/time';
import { ProFormWan, wanRules, wanText, wanValueToYuan, yuanToWanValue } from '../../../lib/wan';

type Instalment = DisbursementView['instalments'][number];
const today = () => dayjs().tz(APP_TIME_ZONE).format('YYYY-MM-DD');
const day = (v: unknown) => (v ? dayjs(v as string).format('YYYY-MM-DD') : '');

/** Field errors under their fields; anything else (a refusal with its reason) shown in the form's alert. */
function useRefusal<T>(fields: string[]) {
  const [form] = Form.useForm<T>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const fail = (e: unknown) => {
    if (e instanceof ApiError) {
      const unmatched = applyFieldErrors(form, e, { fields });
      if (unmatched.length > 0 || e.errors.length === 0) setRefusal(e.detail);
    } else setRefusal(errorText(e));
    return false;
  };
  return { form, refusal, setRefusal, fail };
}

interface ModalProps {
  projectId: string;
  onClose: () => void;
  onDone: (next: DisbursementView) => void;
}

export function DisburseModal({ projectId, instalment: x, onClose, onDone }: ModalProps & { instalment: Instalment }) {
  const { form, refusal, setRefusal, fail } = useRefusal<{ voucherNo: string; paidDate: string; note?: string }>(['voucherNo', 'paidDate', 'note']);
  return (
    <ModalForm<{ voucherNo: string; paidDate: string; note?: string }>
      title={`拨付第${x.instalmentNo}期`}
      form={form}
      open
      width={560}
      layout="vertical"
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      initialValues={{ paidDate: today() }}
      submitter={{ searchConfig: { submitText: '确认拨付', resetText: '取消' } }}
      onValuesChange={() => setRefusal(null)}
      onFinish={async (values) => {
        try {
          onDone(await api.post<DisbursementView>(`/projects/${projectId}/disbursements`, { instalmentNo: x.instalmentNo, voucherNo: values.voucherNo, paidDate: day(values.paidDate), note: values.note ?? '' }));
          return true;
        } catch (e) {
          return fail(e);
        }
      }}
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
        { key: 'amount', label: '本期金额', children: <strong data-testid="disburse-amount">{wanText(x.amountYuan)}</strong> },
        { key: 'condition', label: '拨付条件', children: x.conditionLabel },
        { key: 'status', label: '当前状态', span: 2, children: `${INSTALMENT_STATUS_LABELS[x.status]}：${x.statusText}` },
      ]} />
      {x.status !== 'payable' && <Alert type="warning" showIcon title="本期拨付条件尚未满足" description={x.statusText} style={{ marginBottom: 16 }} />}
      {refusal && <Alert type="error" showIcon title="不能拨付" description={<span data-testid="disburse-refusal">{refusal}</span>} style={{ marginBottom: 16 }} />}
      <ProFormText name="voucherNo" label="拨付凭证号" rules={[{ required: true, message: '请填写拨付凭证号' }]} fieldProps={{ maxLength: 64, autoComplete: 'off' }} />
      <ProFormDatePicker name="paidDate" label="拨付日期" rules={[{ required: true, message: '请选择拨付日期' }]} fieldProps={{ style: { width: '100%' }, format: 'YYYY-MM-DD' }} />
      <ProFormTextArea name="note" label="备注" fieldProps={{ maxLength: 500, rows: 2 }} />
    </ModalForm>
  );
}

interface ScheduleValues {
  instalments: { amountWan: string; condition: (typeof INSTALMENT_CONDITIONS)[number]; note?: string }[];
  reason: string;
}

export function ScheduleModal({ projectId, view: v, onClose, onDone }: ModalProps & { view: DisbursementView }) {
  const fields = [...v.instalments.keys(), ...Array.from({ length: MAX_INSTALMENTS }, (_, i) => i)].flatMap((i) => [`instalments.${i}.amountWan`, `instalments.${i}.condition`, `instalments.${i}.note`]);
  const { form, refusal, setRefusal, fail } = useRefusal<ScheduleValues>([...new Set(fields), 'reason']);
  const paid = new Set(v.instalments.filter((x) => x.status === 'paid').map((x) => x.instalmentNo - 1));
  return (
    <ModalForm<ScheduleValues>
      title="调整拨付计划"
      form={form}
      open
      width={800}
      layout="vertical"
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      initialValues={{ instalments: v.instalments.map((x) => ({ amountWan: yuanToWanValue(x.amountYuan), condition: x.condition, note: x.note })), reason: '' }}
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onValuesChange={() => setRefusal(null)}
      onFinish={async (values) => {
        try {
          const instalments = values.instalments.map((x) => ({ amountYuan: wanValueToYuan(x.amountWan) ?? 0, condition: x.condition, note: x.note ?? '' }));
          onDone(await api.put<DisbursementView>(`/projects/${projectId}/disbursement-schedule`, { instalments, reason: values.reason }));
          return true;
        } catch (e) {
          // The server names amounts `amountYuan`; the form holds them in 万元 as `amountWan`.
          if (e instanceof ApiError) e.errors.forEach((x) => (x.field = x.field.replace(/amountYuan$/, 'amountWan')));
          return fail(e);
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`各期合计须等于财政经费 ${wanText(v.fiscalYuan)}；第1期不低于 ${v.minFirstPercent}%（${wanText(v.minFirstYuan)}），任务书签订后拨付；已拨付的期次不能修改。`} />
      <ProFormList name="instalments" min={1} max={MAX_INSTALMENTS} creatorButtonProps={{ creatorButtonText: '增加一期' }} copyIconProps={false}
        creatorRecord={{ amountWan: '', condition: 'stageCheck', note: '' }}
        itemRender={({ listDom, action }, { index }) => (
          <ProForm.Group key={index} title={`第${index + 1}期${paid.has(index) ? '（已拨付）' : ''}`} extra={paid.has(index) ? null : action}>{listDom}</ProForm.Group>
        )}
      >
        <ProForm.Group>
          <ProFormWan name="amountWan" label="金额" rules={wanRules('金额', { required: '请填写金额', positive: true })} />
          <ProFormSelect name="condition" label="拨付条件" width="sm" options={INSTALMENT_CONDITIONS.map((c) => ({ value: c, label: INSTALMENT_CONDITION_LABELS[c] }))} rules={[{ required: true, message: '请选择拨付条件' }]} />
          <ProFormText name="note" label="说明" width="sm" fieldProps={{ maxLength: 200 }} />
        </ProForm.Group>
      </ProFormList>
      <ProFormTextArea name="reason" label="调整理由" rules={[{ required: true, min: 2, message: '请填写调整理由' }]} fieldProps={{ maxLength: 500, rows: 2 }} />
      {/* Below the list the refusal would be out of sight: scroll it in when it appears. */}
      {refusal && <div ref={(el) => el?.scrollIntoView({ block: 'nearest' })}><Alert type="error" showIcon title="拨付计划有误" description={<span data-testid="schedule-refusal">{refusal}</span>} /></div>}
    </ModalForm>
  );
}

export function StageCheckModal({ projectId, onClose, onDone }: ModalProps) {
  const { form, refusal, setRefusal, fail } = useRefusal<{ result: 'pass' | 'fail'; basis: string; checkedDate: string }>(['result', 'basis', 'checkedDate']);
  return (
    <ModalForm<{ result: 'pass' | 'fail'; basis: string; checkedDate: string }>
      title="记录阶段检查"
      form={form}
      open
      width={560}
      layout="vertical"
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      initialValues={{ result: 'pass', checkedDate: today() }}
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onValuesChange={() => setRefusal(null)}
      onFinish={async (values) => {
        try {
          onDone(await api.post<DisbursementView>(`/projects/${projectId}/stage-checks`, { result: values.result, basis: values.basis, checkedDate: day(values.checkedDate) }));
          return true;
        } catch (e) {
          return fail(e);
        }
      }}
    >
      {refusal && <Alert type="error" showIcon title="不能记录" description={refusal} style={{ marginBottom: 16 }} />}
      <ProFormRadio.Group name="result" label="检查结论" options={STAGE_CHECK_RESULTS.map((r) => ({ value: r, label: STAGE_CHECK_RESULT_LABELS[r] }))} rules={[{ required: true, message: '请选择检查结论' }]} />
      <ProFormDatePicker name="checkedDate" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]} fieldProps={{ style: { width: '100%' }, format: 'YYYY-MM-DD' }} />
      <ProFormTextArea name="basis" label="检查依据" placeholder="如：现场检查记录、阶段成果材料" rules={[{ required: true, min: 2, message: '请填写检查依据' }]} fieldProps={{ maxLength: 1000, rows: 3 }} />
    </ModalForm>
  );
}
