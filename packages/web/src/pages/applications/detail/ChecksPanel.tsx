/**
 * Live checks beside the form, as the server computed them after the last save: funding quote, eligibility
 * problems, matching ratio, missing sections and attachments, countdown. Each problem focuses its field.
 */
import { CheckCircleTwoTone, WarningOutlined } from '@ant-design/icons';
import { formatWan, type ApplicationCheck, type CheckProblem, type FormSection } from '@kechuang/domain';
import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { CallCountdown } from '../../../components/call/CallCountdown';
import { fieldId, fieldLabel } from './model';

/** A link to a field: a real href, so it is reachable by keyboard, handled in the page. */
export const fieldLinkProps = (field: string, onPick: (field: string) => void) => ({
  href: `#${fieldId(field)}`,
  onClick: (e: React.MouseEvent) => {
    e.preventDefault();
    onPick(field);
  },
});

export function ProblemList({ problems, sections, onPick }: { problems: readonly CheckProblem[]; sections: readonly FormSection[]; onPick: (field: string) => void }) {
  return (
    <List
      size="small"
      dataSource={[...problems]}
      locale={{ emptyText: '没有问题' }}
      renderItem={(p) => (
        <List.Item style={{ padding: '4px 0' }}>
          {p.field ? (
            <Typography.Link {...fieldLinkProps(p.field, onPick)} style={{ fontSize: 13 }}>
              <Tag color="orange" style={{ marginRight: 4 }}>
                {p.rule}
              </Tag>
              {fieldLabel(p.field, sections)}：{p.message}
            </Typography.Link>
          ) : (
            <Typography.Text style={{ fontSize: 13 }}>
              <Tag color="red">{p.rule}</Tag>
              {p.message}
            </Typography.Text>
          )}
        </List.Item>
      )}
    />
  );
}

export function ChecksPanel({ checks, opensAt, sections, onPick, stale, editable }: { checks: ApplicationCheck; opensAt: string | undefined; sections: readonly FormSection[]; onPick: (field: string) => void; stale: boolean; editable: boolean }) {
  const f = checks.funding;
  return (
    <Card
      size="small"
      title="实时校验"
      extra={stale ? <Typography.Text type="secondary">保存后更新</Typography.Text> : checks.ready ? <Tag color="success">{editable ? '可以提交' : '校验通过'}</Tag> : <Tag color="warning">{checks.problems.length} 处问题</Tag>}
      data-testid="checks-panel"
    >
      {/* Scrolls on its own beside the form; focusable so a keyboard can scroll it too. */}
      <div tabIndex={0} role="region" aria-label="实时校验结果" style={{ maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' }}>
      <div style={{ marginBottom: 8 }}>{opensAt ? <CallCountdown opensAt={opensAt} closesAt={checks.deadline.closesAt} /> : <Typography.Text>{checks.deadline.label}</Typography.Text>}</div>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="测算补助">
          <span data-testid="funding-quote">{f ? formatWan(f.subsidyYuan) : '—'}</span>
          {f && !f.eligible ? <Tag color="red" style={{ marginLeft: 4 }}>不符合</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="预算总额">{formatWan(checks.budget.totalYuan)}</Descriptions.Item>
        <Descriptions.Item label="财政 : 自筹">
          {checks.matching.ratioLabel}
          {checks.matching.requiredMultiple !== null ? <Typography.Text type={checks.matching.ok ? 'success' : 'danger'}>（须≥1:{checks.matching.requiredMultiple}）</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label="资格">{checks.eligibility === null ? '—' : checks.eligibility.eligible ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <WarningOutlined style={{ color: '#cf1322' }} />}</Descriptions.Item>
      </Descriptions>
      {f && f.applied.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {f.applied.map((a) => `${a.rule} ${a.text}`).join('；')}
        </Typography.Paragraph>
      ) : null}
      {checks.missingSections.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ fontSize: 14, marginTop: 12 }}>
            未填写的章节（{checks.missingSections.length}）
          </Typography.Title>
          {checks.missingSections.map((m) => (
            <Typography.Link key={m.key} {...fieldLinkProps(`sections.${m.key}`, onPick)} style={{ display: 'block', fontSize: 13 }}>
              {m.title}
            </Typography.Link>
          ))}
        </>
      ) : null}
      {checks.missingAttachments.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ fontSize: 14, marginTop: 12 }}>
            缺少的附件
          </Typography.Title>
          {checks.missingAttachments.map((m) => (
            <Typography.Link key={m.kind} {...fieldLinkProps(`attachments.${m.kind}`, onPick)} style={{ display: 'block', fontSize: 13 }}>
              {m.label}
            </Typography.Link>
          ))}
        </>
      ) : null}
      <Typography.Title level={5} style={{ fontSize: 14, marginTop: 12 }}>
        问题（{checks.problems.length}）
      </Typography.Title>
      <ProblemList problems={checks.problems} sections={sections} onPick={onPick} />
      </div>
    </Card>
  );
}
