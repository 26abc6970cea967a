/** 分配设置: the round's mode, experts per application, loads, 回避 rules and the draw's probability cap. */
import { percentOfDrawCap, roundAssignmentSettings, type AssignmentSettingsInput, type ReviewRound } from '@kechuang/domain';
import { Button, Card, Form, InputNumber, Radio, Space, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';

export function AssignmentSettingsCard({ round, editable, onSaved }: { round: ReviewRound; editable: boolean; onSaved: () => void }) {
  const [form] = Form.useForm<AssignmentSettingsInput>();
  const [saving, setSaving] = useState(false);
  const onError = useApiErrorHandler();
  const s = roundAssignmentSettings(round.settings);
  const initial: AssignmentSettingsInput = { mode: round.mode, k: round.k, minLoad: round.minLoad, maxLoad: round.maxLoad, conflicts: s.conflicts, drawCapPercent: percentOfDrawCap(s.drawCap) };
  const save = async (values: AssignmentSettingsInput) => {
    setSaving(true);
    try {
      await api.put(`/review/rounds/${round.id}/settings`, values);
      onSaved();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="分配设置" style={{ marginBottom: 16 }}>
      <Form form={form} layout="inline" initialValues={initial} onFinish={save} disabled={!editable} aria-label="分配设置">
        <Form.Item name="mode" label="分配方式">
          <Radio.Group optionType="button" options={[{ label: '最优分配', value: 'optimal' }, { label: '随机抽取', value: 'draw' }]} />
        </Form.Item>
        <Form.Item name="k" label="每份专家数">
          <InputNumber min={1} max={15} style={{ width: 72 }} aria-label="每份申报书的评审专家数" />
        </Form.Item>
        <Form.Item label="评审量（份）">
          <Space.Compact>
            <Form.Item name="minLoad" noStyle>
              <InputNumber min={0} max={200} style={{ width: 72 }} aria-label="专家最低评审量" placeholder="最低" />
            </Form.Item>
            <Form.Item name="maxLoad" noStyle>
              <InputNumber min={1} max={200} style={{ width: 72 }} aria-label="专家最高评审量" placeholder="最高" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name={['conflicts', 'coMemberYears']} label="共同参与回避（年）" tooltip="专家与申报单位、合作单位或项目负责人在此年限内共同参与过申报的，予以回避">
          <InputNumber min={0} max={10} style={{ width: 64 }} aria-label="共同参与回避年限" />
        </Form.Item>
        <Form.Item name={['conflicts', 'sameDistrict']} label="同区县回避" valuePropName="checked">
          <Switch aria-label="同区县回避" />
        </Form.Item>
        <Form.Item name="drawCapPercent" label="抽取概率上限" tooltip="随机抽取时任一专家被抽中评审某份申报书的概率不超过此值">
          <InputNumber min={0.01} max={100} step={5} addonAfter="%" style={{ width: 120 }} aria-label="抽取概率上限（百分比）" />
        </Form.Item>
        {editable && (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存设置
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}
