/** ④ 申报要求: the proposal form outline (default: NB-11 附件1), the attachments to upload, and who may apply. */
import { ProFormCheckbox, ProFormDigit, ProFormList, ProFormSelect, ProFormSwitch, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import {
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_KINDS,
  DEFAULT_PROPOSAL_TEMPLATE,
  FORM_ITEM_KIND_LABELS,
  FORM_ITEM_KINDS,
  formItemSchema,
  formSectionSchema,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
} from '@kechuang/domain';
import { App, Button, Card, Col, Divider, Form, Row, Typography } from 'antd';
import { zodRules } from '../../../lib/rules';

const section = formSectionSchema.shape;
const item = formItemSchema.shape;

export function RequirementsStep() {
  const form = Form.useFormInstance();
  const { modal } = App.useApp();
  const restoreDefault = () =>
    modal.confirm({
      title: '恢复默认申报书提纲？',
      content: '将以《项目实施方案》默认五章提纲替换当前提纲，已做的修改会丢失。',
      okText: '恢复默认',
      cancelText: '取消',
      onOk: () => form.setFieldValue('formSections', structuredClone([...DEFAULT_PROPOSAL_TEMPLATE])),
    });

  return (
    <>
      <Col span={24}>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          申报书提纲
        </Divider>
        <Typography.Paragraph type="secondary">
          申报书按以下章节和栏目填写。默认采用《项目实施方案》五章提纲，可增删章节和栏目。
          <Button type="link" size="small" onClick={restoreDefault}>
            恢复默认提纲
          </Button>
        </Typography.Paragraph>
      </Col>
      <ProFormList
        name="formSections"
        colProps={{ span: 24 }}
        // ListItem puts no Row around a row's fields: without one their grid columns stack.
        itemContainerRender={(doms) => <Row gutter={12}>{doms}</Row>}
        rules={[
          {
            validator: async (_r, v: unknown[] | undefined) => {
              if (!v?.length) throw new Error('至少设置一个章节');
            },
          },
        ]}
        creatorButtonProps={{ creatorButtonText: '添加章节' }}
        // No keys: withFormKeys gives new sections and items theirs when the draft is sent.
        creatorRecord={() => ({ title: '', items: [{ title: '', kind: 'richText', required: true }] })}
        copyIconProps={false}
        deleteIconProps={{ tooltipText: '删除此章节' }}
        itemRender={({ listDom, action }, { index }) => (
          <Card size="small" title={`第${index + 1}章`} extra={action} style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
            {listDom}
          </Card>
        )}
      >
        <ProFormText name="title" label="章节名称" colProps={{ span: 24 }} rules={zodRules(section.title, '请填写章节名称')} />
        {/* The storage key is kept (existing answers stay reachable) but never asked for: officers type titles only. */}
        <ProFormText name="key" hidden />
        <ProFormList
          name="items"
          label="栏目"
          colProps={{ span: 24 }}
          itemContainerRender={(doms) => <Row gutter={8}>{doms}</Row>}
          creatorButtonProps={{ creatorButtonText: '添加栏目', size: 'small' }}
          creatorRecord={() => ({ title: '', kind: 'richText', required: true })}
          copyIconProps={false}
          deleteIconProps={{ tooltipText: '删除此栏目' }}
        >
          <ProFormText name="title" placeholder="栏目名称" colProps={{ span: 9 }} rules={zodRules(item.title, '请填写栏目名称')} fieldProps={{ 'aria-label': '栏目名称' }} />
          <ProFormText name="key" hidden />
          <ProFormText name="hint" placeholder="填写说明（选填）" colProps={{ span: 9 }} fieldProps={{ 'aria-label': '填写说明' }} />
          <ProFormSelect
            name="kind"
            colProps={{ span: 4 }}
            allowClear={false}
            options={FORM_ITEM_KINDS.map((k) => ({ value: k, label: FORM_ITEM_KIND_LABELS[k] }))}
            fieldProps={{ 'aria-label': '栏目类型' }}
          />
          <ProFormSwitch name="required" colProps={{ span: 2 }} fieldProps={{ checkedChildren: '必填', unCheckedChildren: '选填', 'aria-label': '是否必填' }} />
        </ProFormList>
      </ProFormList>

      <Col span={24}>
        <Divider titlePlacement="start">须提交的附件</Divider>
      </Col>
      <ProFormCheckbox.Group
        name="requiredAttachments"
        colProps={{ span: 24 }}
        options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: ATTACHMENT_KIND_LABELS[k] }))}
        fieldProps={{ style: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', rowGap: 8 } }}
      />

      <Col span={24}>
        <Divider titlePlacement="start">申报条件</Divider>
      </Col>
      <ProFormSwitch name={['eligibility', 'localOnly']} label="仅限本地单位申报" colProps={{ span: 8 }} tooltip="按计划设定的本地范围判断" />
      <ProFormSwitch name={['eligibility', 'requireAcademicPartner']} label="须联合高校或科研院所" colProps={{ span: 8 }} />
      <ProFormDigit name={['eligibility', 'maxDurationMonths']} label="实施期上限（月）" colProps={{ span: 8 }} min={1} max={600} fieldProps={{ precision: 0 }} placeholder="按类别规定" />
      <ProFormSelect
        name={['eligibility', 'leadOrganisationTypes']}
        label="牵头单位类型"
        mode="multiple"
        colProps={{ span: 24 }}
        placeholder="不另作限制（按各类别规定）"
        options={ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))}
      />
      <ProFormTextArea name={['eligibility', 'note']} label="其他申报条件" colProps={{ span: 24 }} fieldProps={{ rows: 3, maxLength: 2000, showCount: true }} />
    </>
  );
}
