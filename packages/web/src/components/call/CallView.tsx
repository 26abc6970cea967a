/**
 * A call exactly as the public reads it. The public page renders it from the API, and the officer's
 * 预览 step renders it from the unsaved form, so what is previewed is what will be published.
 */
import { ProCard } from '@ant-design/pro-components';
import { ATTACHMENT_KIND_LABELS, ORGANISATION_TYPE_LABELS, SELECTION_MODE_LABELS } from '@kechuang/domain';
import { Col, Descriptions, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import type { Call, GuidelineItem } from '../../api/programmes';
import { categorySentences } from '../../lib/category-rules';
import { formatDateTime } from '../../lib/time';
import { CallCountdown } from './CallCountdown';
import { CallPhaseTag, SelectionModeTag } from './CallTags';
import { CallFormOutline, GuidelineItemsTable } from './CallViewParts';

/** What the view needs; a preview has no ids, statuses or timestamps yet. */
export type CallViewData = Pick<
  Call,
  'title' | 'description' | 'phase' | 'programme' | 'version' | 'selectionMode' | 'categories' | 'fields' | 'opensAt' | 'closesAt' | 'formSections' | 'requiredAttachments' | 'eligibility'
> & { guidelineItems: Omit<GuidelineItem, 'id'>[] };

function eligibilityLines(call: CallViewData): string[] {
  const e = call.eligibility ?? {};
  const out: string[] = [];
  if (e.localOnly) out.push('仅限本地注册的单位申报');
  if (e.leadOrganisationTypes?.length) out.push(`牵头单位类型：${e.leadOrganisationTypes.map((t) => ORGANISATION_TYPE_LABELS[t] ?? t).join('、')}`);
  if (e.requireAcademicPartner) out.push('须联合高校或科研院所共同申报');
  if (e.maxDurationMonths) out.push(`项目实施期不超过${e.maxDurationMonths}个月`);
  if (e.note) out.push(e.note);
  return out;
}

export function CallView({ call }: { call: CallViewData }) {
  const eligibility = eligibilityLines(call);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ProCard>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
          <CallPhaseTag phase={call.phase} />
          <SelectionModeTag mode={call.selectionMode} />
        </Flex>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {call.title}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'programme', label: '所属计划', children: call.programme.name },
            { key: 'issuer', label: '发布单位', children: call.programme.issuer },
            {
              key: 'policy',
              label: '政策依据',
              children: `${call.version.documentNo}（${call.version.version}版，${call.version.effectiveFrom} 起施行）`,
            },
            { key: 'mode', label: '遴选方式', children: SELECTION_MODE_LABELS[call.selectionMode] ?? call.selectionMode },
            { key: 'opens', label: '申报开始', children: `${formatDateTime(call.opensAt)}（北京时间）` },
            { key: 'closes', label: '申报截止', children: <Typography.Text strong>{`${formatDateTime(call.closesAt)}（北京时间）`}</Typography.Text> },
            { key: 'countdown', label: '剩余时间', span: 2, children: <CallCountdown opensAt={call.opensAt} closesAt={call.closesAt} /> },
          ]}
        />
        {call.description && (
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, whiteSpace: 'pre-wrap' }}>{call.description}</Typography.Paragraph>
        )}
      </ProCard>

      <ProCard title="申报类别与支持标准" headerBordered>
        {call.categories.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未选择申报类别" />
        ) : (
          <Flex vertical gap={16}>
            {call.categories.map((c) => (
              <div key={c.code}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {c.name}
                </Typography.Title>
                {c.description && <Typography.Paragraph type="secondary">{c.description}</Typography.Paragraph>}
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {categorySentences(c).map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </div>
            ))}
          </Flex>
        )}
      </ProCard>

      <ProCard title="重点领域与细分方向" headerBordered>
        {call.fields.length === 0 ? (
          <Typography.Text type="secondary">本指南不限领域，申报人在所选类别内自定研究方向。</Typography.Text>
        ) : (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={call.fields.map((f) => ({
              key: f.code,
              label: f.name,
              children: f.subDirections.length ? (
                <Flex wrap gap={4}>
                  {f.subDirections.map((s) => (
                    <Tag key={s}>{s}</Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">不限细分方向</Typography.Text>
              ),
            }))}
          />
        )}
      </ProCard>

      <ProCard title={call.selectionMode === 'openChallenge' ? '榜单（揭榜挂帅）' : '指南条目'} headerBordered>
        <GuidelineItemsTable items={call.guidelineItems} fields={call.fields} showBounty={call.selectionMode === 'openChallenge'} />
      </ProCard>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <ProCard title="申报条件" headerBordered style={{ height: '100%' }}>
            {eligibility.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {eligibility.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">按各类别的牵头单位要求执行，无其他附加条件。</Typography.Text>
            )}
          </ProCard>
        </Col>
        <Col xs={24} md={12}>
          <ProCard title="须提交的附件" headerBordered style={{ height: '100%' }}>
            {call.requiredAttachments.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {call.requiredAttachments.map((k) => (
                  <li key={k}>{ATTACHMENT_KIND_LABELS[k] ?? k}</li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="secondary">无须另附材料。</Typography.Text>
            )}
          </ProCard>
        </Col>
      </Row>

      <ProCard title="申报书提纲" headerBordered>
        <CallFormOutline sections={call.formSections} />
      </ProCard>
    </Space>
  );
}
