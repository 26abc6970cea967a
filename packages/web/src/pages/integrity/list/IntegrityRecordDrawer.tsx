/**
 * The create/edit drawer of an integrity record: subject, behaviour from the catalogue, severity with its default ban
 * shown as it is chosen, measure and decision. A ban other than the default asks for a reason (the server checks too).
 */
import { DrawerForm, ProFormDatePicker, ProFormDependency, ProFormRadio, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import {
  DEFAULT_BAN_YEARS,
  INTEGRITY_BEHAVIOUR_GROUPS,
  INTEGRITY_CATALOGUE_NOTE,
  INTEGRITY_SEVERITY_LABELS,
  INTEGRITY_SUBJECT_LABELS,
  defaultBanUntil,
  type IntegrityRecordView,
  type IntegritySeverity,
} from '@kechuang/domain';
import { Alert, App, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactElement } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';

const dayOf = (v: unknown): string | null => (v ? (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : String(v).slice(0, 10)) : null);
const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);

interface Values {
  subjectKind: 'person' | 'organisation' | 'expert';
  subjectName: string;
  subjectKey: string;
  behaviourCode: string;
  severity: IntegritySeverity;
  measure: string;
  decisionNo: string;
  decisionDate: unknown;
  banUntil?: unknown;
  banOverrideReason?: string;
  note?: string;
}

const behaviourOptions = INTEGRITY_BEHAVIOUR_GROUPS.map((g) => ({ label: g.group, options: g.behaviours.map((b) => ({ value: b.code, label: b.name })) }));

export function IntegrityRecordDrawer({ record, trigger, onSaved }: { record?: IntegrityRecordView; trigger: ReactElement; onSaved: (r: IntegrityRecordView) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const editing = !!record;
  return (
    <DrawerForm<Values>
      title={editing ? '修改科研失信记录' : '登记科研失信记录'}
      form={form}
      width={620}
      trigger={trigger}
      drawerProps={{ destroyOnHidden: true }}
      initialValues={
        record
          ? {
              subjectKind: record.subjectKind,
              subjectName: record.subjectName,
              // The full number is never sent back: an edit re-enters it.
              subjectKey: record.subjectKind === 'organisation' ? record.subjectKeyShown : '',
              behaviourCode: record.behaviourCode ?? undefined,
              severity: record.severity,
              measure: record.measure,
              decisionNo: record.decisionNo,
              decisionDate: dayjs(record.decisionDate),
              banUntil: record.banOverrideReason ? dayjs(record.banUntil) : undefined,
              banOverrideReason: record.banOverrideReason ?? undefined,
              note: record.note,
            }
          : { subjectKind: 'person', severity: 'general' }
      }
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onFinish={async (v) => {
        const body = {
          subjectKind: v.subjectKind,
          subjectName: v.subjectName,
          subjectKey: v.subjectKey,
          behaviourCode: v.behaviourCode,
          severity: v.severity,
          measure: v.measure,
          decisionNo: v.decisionNo,
          decisionDate: dayOf(v.decisionDate) ?? '',
          banUntil: dayOf(v.banUntil),
          banOverrideReason: v.banOverrideReason?.trim() || null,
          note: v.note ?? '',
        };
        try {
          const saved = record ? await api.put<IntegrityRecordView>(`/integrity/records/${record.id}`, body) : await api.post<IntegrityRecordView>('/integrity/records', body);
          void message.success(record ? '已保存科研失信记录' : `已登记：${saved.subjectName}，限制至 ${saved.banUntil}`);
          onSaved(saved);
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={INTEGRITY_CATALOGUE_NOTE} />
      <ProFormRadio.Group name="subjectKind" label="失信主体" radioType="button" options={Object.entries(INTEGRITY_SUBJECT_LABELS).map(([value, label]) => ({ value, label }))} rules={[{ required: true, message: '请选择失信主体类型' }]} />
      <ProFormText name="subjectName" label="主体名称" placeholder="姓名或单位名称" rules={[{ required: true, message: '请填写主体名称' }]} fieldProps={{ maxLength: 100 }} />
      <ProFormDependency name={['subjectKind']}>
        {({ subjectKind }) => (
          <ProFormText
            name="subjectKey"
            label={subjectKind === 'organisation' ? '统一社会信用代码' : '身份证号码'}
            placeholder={subjectKind === 'organisation' ? '18位统一社会信用代码' : editing ? '请重新输入完整的身份证号码（列表只显示脱敏号码）' : '18位身份证号码'}
            tooltip={subjectKind === 'organisation' ? undefined : '身份证号码只用于精确比对，任何页面和导出只显示脱敏号码'}
            rules={[{ required: true, message: subjectKind === 'organisation' ? '请填写统一社会信用代码' : '请填写身份证号码' }]}
            fieldProps={{ maxLength: 18 }}
          />
        )}
      </ProFormDependency>
      <ProFormSelect name="behaviourCode" label="失信行为" options={behaviourOptions} showSearch placeholder="从失信行为目录中选择" rules={[{ required: true, message: '请从目录中选择失信行为' }]} />
      <ProFormRadio.Group
        name="severity"
        label="严重程度"
        radioType="button"
        options={(Object.keys(INTEGRITY_SEVERITY_LABELS) as IntegritySeverity[]).map((s) => ({ value: s, label: `${INTEGRITY_SEVERITY_LABELS[s]}（默认 ${DEFAULT_BAN_YEARS[s]} 年）` }))}
        rules={[{ required: true, message: '请选择严重程度' }]}
      />
      <ProFormTextArea name="measure" label="处理措施" placeholder="如：取消三年内申报科技计划项目资格，追回已拨付经费" rules={[{ required: true, message: '请填写处理措施' }]} fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 4 } }} />
      <ProFormText name="decisionNo" label="处理决定文号" placeholder="如 仑科信〔2026〕1号" rules={[{ required: true, message: '请填写处理决定文号' }]} fieldProps={{ maxLength: 100 }} />
      <ProFormDatePicker name="decisionDate" label="决定日期" width="md" tooltip="限制期自决定日期起算" rules={[{ required: true, message: '请选择决定日期' }]} />
      <ProFormDependency name={['decisionDate', 'severity', 'banUntil']}>
        {({ decisionDate, severity, banUntil }) => {
          const day = dayOf(decisionDate);
          const fallback = isDay(day) && severity ? defaultBanUntil(day, severity as IntegritySeverity) : null;
          const chosen = dayOf(banUntil);
          const overridden = !!chosen && !!fallback && chosen !== fallback;
          return (
            <>
              <Typography.Paragraph data-testid="default-ban" style={{ marginBottom: 12 }}>
                {fallback ? (
                  <>默认限制期：{day} 至 <Typography.Text strong>{fallback}</Typography.Text>（{INTEGRITY_SEVERITY_LABELS[severity as IntegritySeverity]}，{DEFAULT_BAN_YEARS[severity as IntegritySeverity]} 年，平台设置）</>
                ) : (
                  <Typography.Text type="secondary">选择决定日期和严重程度后显示默认限制期</Typography.Text>
                )}
              </Typography.Paragraph>
              <ProFormDatePicker name="banUntil" label="调整限制截止日期（可选）" width="md" tooltip="不填则按默认限制期；与默认不同须说明理由" />
              {overridden && <ProFormTextArea name="banOverrideReason" label="调整理由" rules={[{ required: true, message: '限制期与默认值不同，请说明理由' }]} fieldProps={{ maxLength: 500, autoSize: { minRows: 2, maxRows: 4 } }} />}
            </>
          );
        }}
      </ProFormDependency>
      <ProFormTextArea name="note" label="备注" fieldProps={{ maxLength: 1000, autoSize: { minRows: 2, maxRows: 4 } }} />
    </DrawerForm>
  );
}
