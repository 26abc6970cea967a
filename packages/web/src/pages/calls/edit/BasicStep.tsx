/** ① 基本信息: programme, title, description, selection mode and the window, exact to the second in Beijing time. */
import { ProFormDateTimePicker, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { SELECTION_MODE_LABELS, SELECTION_MODES } from '@kechuang/domain';
import { Alert, Col, Form } from 'antd';
import { programmeOptions, useProgramme, useProgrammes } from '../../../api/programmes';
import { toShanghaiIso } from '../../../lib/time';
import { versionAt, wallClock } from './call-form';

const DATE_TIME = { format: 'YYYY-MM-DD HH:mm:ss', showTime: { format: 'HH:mm:ss' }, style: { width: '100%' } };

export function BasicStep() {
  const form = Form.useFormInstance();
  const programmes = useProgrammes();
  const code = Form.useWatch('programmeCode', form) as string | undefined;
  const opensAt = wallClock(Form.useWatch('opensAt', form));
  const programme = useProgramme(code);
  const version = versionAt(programme.data, opensAt);
  // Only the selection modes the version in force allows; before a date is chosen, all are listed.
  const allowed = version?.parameters.selectionModes ?? SELECTION_MODES;

  return (
    <>
      <ProFormSelect
        name="programmeCode"
        label="所属计划"
        colProps={{ span: 12 }}
        options={programmeOptions(programmes.data)}
        fieldProps={{ loading: programmes.isPending }}
        rules={[{ required: true, message: '请选择计划' }]}
      />
      <ProFormSelect
        name="selectionMode"
        label="遴选方式"
        colProps={{ span: 12 }}
        options={SELECTION_MODES.map((m) => ({ value: m, label: SELECTION_MODE_LABELS[m], disabled: !allowed.includes(m) }))}
        rules={[
          { required: true, message: '请选择遴选方式' },
          {
            validator: async (_r, v: string | undefined) => {
              if (v && version && !version.parameters.selectionModes.includes(v as never)) throw new Error(`政策版本“${version.version}”不支持${SELECTION_MODE_LABELS[v as never] ?? v}`);
            },
          },
        ]}
        extra="揭榜挂帅的指南条目可设定揭榜金额"
      />
      <ProFormText name="title" label="指南标题" colProps={{ span: 24 }} rules={[{ required: true, whitespace: true, message: '请填写指南标题' }, { min: 2, max: 200, message: '指南标题为2至200个字' }]} />
      <ProFormTextArea name="description" label="指南说明" colProps={{ span: 24 }} fieldProps={{ rows: 4, maxLength: 20000, showCount: true }} placeholder="支持方向、申报要求等总体说明（选填）" />
      <ProFormDateTimePicker
        name="opensAt"
        label="申报开始时间（北京时间）"
        colProps={{ span: 12 }}
        fieldProps={DATE_TIME}
        rules={[{ required: true, message: '请选择申报开始时间' }]}
      />
      <ProFormDateTimePicker
        name="closesAt"
        label="申报截止时间（北京时间）"
        colProps={{ span: 12 }}
        fieldProps={DATE_TIME}
        dependencies={['opensAt']}
        rules={[
          { required: true, message: '请选择申报截止时间' },
          ({ getFieldValue }) => ({
            validator: async (_r, v: unknown) => {
              const open = toShanghaiIso(wallClock(getFieldValue('opensAt')));
              const close = toShanghaiIso(wallClock(v));
              if (open && close && new Date(close).getTime() <= new Date(open).getTime()) throw new Error('截止时间须晚于开始时间');
            },
          }),
        ]}
      />
      {code && opensAt && programme.data && (
        <Col span={24}>
          {version ? (
            <Alert
              type="info"
              showIcon
              title={`将按政策版本“${version.version}”（${version.documentNo}，${version.effectiveFrom} 起施行）执行`}
              description="版本由申报开始时间决定：开始时间所在日生效的版本。发布指南时该版本将被冻结。"
            />
          ) : (
            <Alert type="error" showIcon title="申报开始时间所在日没有生效的政策版本" description="请调整开始时间，或先在“计划管理”中新建一个在该日生效的版本。" />
          )}
        </Col>
      )}
    </>
  );
}
