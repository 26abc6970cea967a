/**
 * 新建版本 (a copy of a base version's parameters under a new name, document number and effective date) and
 * 编辑版本 (document number, date and the programme-wide settings of an unfrozen version).
 */
import { ModalForm, ProFormCheckbox, ProFormDatePicker, ProFormRadio, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { OVERLAP_POLICY_LABELS, SELECTION_MODE_LABELS, SELECTION_MODES, versionInputSchema, type RuleSetParameters, type SelectionMode } from '@kechuang/domain';
import { Alert, App, Col, Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import type { ProgrammeVersion } from '../../../api/programmes';
import { dayjs } from '../../../lib/time';
import { zodRules } from '../../../lib/rules';
import { ProFormWan, wanRules, wanValueToYuan, yuanToWanValue } from '../../../lib/wan';
import { useVersionErrorHandler } from './version-errors';

interface Values {
  version?: string;
  documentNo: string;
  effectiveFrom: unknown;
  annualBudget?: string;
  annualBudgetStated: boolean;
  overlapPolicy: 'topUp' | 'none';
  outOfCityAllowed: boolean;
  homeRegion?: string;
  selectionModes: SelectionMode[];
}

/** What a programme with no version yet starts from. */
export const EMPTY_PARAMETERS: RuleSetParameters = {
  annualBudgetYuan: 0,
  overlapPolicy: 'topUp',
  outOfCityAllowed: false,
  homeRegion: '',
  selectionModes: ['competitive'],
  categories: [],
  fields: [],
  chainAxes: { industryChain: [], innovationChain: [] },
  tierRewards: [],
};

interface Props {
  code: string;
  /** 'create' copies `base`; 'edit' changes `base` itself. */
  mode: 'create' | 'edit';
  base: ProgrammeVersion | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (version: ProgrammeVersion) => void;
}

const s = versionInputSchema.shape;
const dayOf = (v: unknown) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : String(v ?? '').slice(0, 10));

export function VersionFormModal({ code, mode, base, open, onOpenChange, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useVersionErrorHandler(code);
  const params = base?.parameters ?? EMPTY_PARAMETERS;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      version: mode === 'edit' ? base?.version : undefined,
      documentNo: mode === 'edit' ? base?.documentNo : undefined,
      effectiveFrom: mode === 'edit' && base ? dayjs(base.effectiveFrom) : undefined,
      annualBudget: yuanToWanValue(params.annualBudgetYuan),
      annualBudgetStated: params.annualBudgetStated !== false,
      overlapPolicy: params.overlapPolicy,
      outOfCityAllowed: params.outOfCityAllowed,
      homeRegion: params.homeRegion,
      selectionModes: params.selectionModes,
    });
  }, [open, mode, base, params, form]);

  const onFinish = async (v: Values) => {
    // annualBudgetStated defaults to true: leave it unset unless it says something, so a diff shows no change.
    const { annualBudgetStated: _stated, ...rest } = params;
    const stated = v.annualBudgetStated && params.annualBudgetStated === undefined ? {} : { annualBudgetStated: v.annualBudgetStated };
    const parameters: RuleSetParameters = {
      ...rest,
      ...stated,
      annualBudgetYuan: wanValueToYuan(v.annualBudget) ?? 0,
      overlapPolicy: v.overlapPolicy,
      outOfCityAllowed: v.outOfCityAllowed,
      homeRegion: v.homeRegion?.trim() ?? '',
      selectionModes: v.selectionModes,
    };
    const body = { documentNo: v.documentNo.trim(), effectiveFrom: dayOf(v.effectiveFrom), parameters };
    try {
      const saved =
        mode === 'create'
          ? await api.post<ProgrammeVersion>(`/programmes/${encodeURIComponent(code)}/versions`, { ...body, version: v.version?.trim() })
          : await api.put<ProgrammeVersion>(`/programmes/${encodeURIComponent(code)}/versions/${base?.id ?? ''}`, body);
      void message.success(mode === 'create' ? `已新建版本“${saved.version}”，${saved.effectiveFrom} 起生效` : `已保存版本“${saved.version}”`);
      onSaved(saved);
      return true;
    } catch (error) {
      // The server names the parameters block; its top-level settings are this form's own fields.
      onError(error, form);
      return false;
    }
  };

  return (
    <ModalForm<Values>
      title={mode === 'create' ? '新建政策版本' : `编辑版本“${base?.version ?? ''}”`}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={640}
      layout="vertical"
      grid
      rowProps={{ gutter: 16 }}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: mode === 'create' ? '创建版本' : '保存', resetText: '取消' } }}
      onFinish={onFinish}
    >
      {mode === 'create' && (
        <Col span={24}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={base ? `新版本复制“${base.version}”的全部参数（类别、领域、比例、上限等），创建后可逐项修改。` : '该计划尚无版本，新版本从空白参数开始，创建后请添加类别和领域。'}
          />
        </Col>
      )}
      <ProFormText
        name="version"
        label="版本号"
        colProps={{ span: 12 }}
        disabled={mode === 'edit'}
        rules={mode === 'create' ? zodRules(s.version, '请填写版本号') : []}
        placeholder="如 2026修订"
        fieldProps={{ maxLength: 32 }}
      />
      <ProFormText name="documentNo" label="文号" colProps={{ span: 12 }} rules={zodRules(s.documentNo, '请填写发文文号')} placeholder="如 仑科〔2026〕1号" fieldProps={{ maxLength: 100 }} />
      <ProFormDatePicker
        name="effectiveFrom"
        label="生效日期"
        colProps={{ span: 12 }}
        width="100%"
        tooltip="自该日北京时间零点起适用"
        rules={[{ required: true, message: '请选择生效日期' }]}
      />
      <ProFormWan name="annualBudget" label="年度财政预算" span={12} rules={wanRules('年度财政预算', { required: '请填写年度财政预算（万元），未载明填0' })} />
      <ProFormSwitch name="annualBudgetStated" label="文件载明年度预算" colProps={{ span: 12 }} tooltip="文件未载明预算时，经费测算不作预算校验" />
      <ProFormSwitch name="outOfCityAllowed" label="允许市外单位承担" colProps={{ span: 12 }} />
      <ProFormText name="homeRegion" label="本地范围" colProps={{ span: 24 }} placeholder="如 浙江省宁波市北仑区" fieldProps={{ maxLength: 100 }} />
      <ProFormRadio.Group
        name="overlapPolicy"
        label="与上级项目重复时"
        colProps={{ span: 24 }}
        options={Object.entries(OVERLAP_POLICY_LABELS).map(([value, label]) => ({ value, label }))}
        rules={[{ required: true, message: '请选择与上级项目重复时的处理方式' }]}
      />
      <ProFormCheckbox.Group
        name="selectionModes"
        label="遴选方式"
        colProps={{ span: 24 }}
        options={SELECTION_MODES.map((m) => ({ value: m, label: SELECTION_MODE_LABELS[m] }))}
        rules={[{ required: true, message: '至少选择一种遴选方式' }]}
      />
    </ModalForm>
  );
}
