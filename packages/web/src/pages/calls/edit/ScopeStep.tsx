/** ② 类别与领域: which categories and fields of the version in force the call opens. */
import { ProFormCheckbox } from '@ant-design/pro-components';
import { Alert, Col, Flex, Form, Typography } from 'antd';
import { useEffect } from 'react';
import type { ProgrammeVersion } from '../../../api/programmes';
import { fundingSentence, leadSentence } from '../../../lib/category-rules';

export function ScopeStep({ version }: { version: ProgrammeVersion }) {
  const form = Form.useFormInstance();
  const { categories, fields } = version.parameters;

  // A changed programme or opening date may bring another version: drop choices it does not have.
  useEffect(() => {
    const keep = (name: string, known: { code: string }[]) => {
      const chosen = (form.getFieldValue(name) as string[] | undefined) ?? [];
      const kept = chosen.filter((c) => known.some((k) => k.code === c));
      if (kept.length !== chosen.length) form.setFieldValue(name, kept);
    };
    keep('categoryCodes', categories);
    keep('fieldCodes', fields);
  }, [form, categories, fields]);

  return (
    <>
      <Col span={24}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`选项来自政策版本“${version.version}”（${version.documentNo}）`}
          description="补助比例、上限等以该版本为准，发布后随版本冻结。"
        />
      </Col>
      <ProFormCheckbox.Group
        name="categoryCodes"
        label="申报类别"
        colProps={{ span: 24 }}
        layout="vertical"
        rules={[{ required: true, message: '至少选择一个申报类别' }]}
        options={categories.map((c) => ({
          value: c.code,
          label: (
            <Flex vertical>
              <Typography.Text strong>{c.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fundingSentence(c)}；牵头单位：{leadSentence(c)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
      <ProFormCheckbox.Group
        name="fieldCodes"
        label="重点领域"
        colProps={{ span: 24 }}
        extra={fields.length ? '不选表示不限领域' : '该版本未设定领域'}
        options={fields.map((f) => ({
          value: f.code,
          label: (
            <span>
              {f.name}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.subDirections.length ? `（${f.subDirections.length}个细分方向）` : '（不限方向）'}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </>
  );
}
