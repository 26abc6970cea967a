/** The copied passages of one match, side by side: this application's text on the left, the source's on the right. */
import { ProCard } from '@ant-design/pro-components';
import { formatDuplicateRatio, type DuplicateReport } from '@kechuang/domain';
import { Empty, Tag, Typography } from 'antd';

type Match = DuplicateReport['matches'][number];

const markStyle = { background: '#fff1b8', padding: '0 1px' };

export function PassagesSideBySide({ match }: { match: Match }) {
  return (
    <ProCard
      title={`复制段落对照：${match.title}`}
      size="small"
      variant="outlined"
      extra={<Tag color={match.relation === 'ownRevision' ? 'blue' : 'red'}>{match.relation === 'ownRevision' ? `${match.relationLabel}：修订，不计为复制` : match.relationLabel}</Tag>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {match.jaccard > 0 ? `整体相似度 ${formatDuplicateRatio(match.jaccard)}，本申报书 ${formatDuplicateRatio(match.containment)} 的内容见于该来源，` : '整体未达近似重复，'}来自该来源的复制比 {formatDuplicateRatio(match.copyRatio)}。
        {match.sections.length ? ` 涉及：${match.sections.map((s) => `「${s.title}」${formatDuplicateRatio(s.containment)}`).join('，')}。` : ''}
      </Typography.Paragraph>
      {match.passages.length === 0 ? (
        <Empty description="没有 50 字以上的连续相同段落（相似来自零散的相同词句）" />
      ) : (
        match.passages.map((p, i) => (
          <div key={i} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, marginBottom: 12 }} aria-label={`第 ${i + 1} 段，${p.chars} 字`}>
            <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
              <Typography.Text strong>本申报书 · {p.query.sectionTitle ?? '全文'}</Typography.Text>
              <Typography.Text type="secondary"> 第 {p.query.start + 1}–{p.query.end} 字</Typography.Text>
              <p style={{ margin: '6px 0 0', lineHeight: 1.8 }}>
                <mark style={markStyle}>{p.query.text}</mark>
              </p>
            </div>
            <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
              <Typography.Text strong>来源 · {p.source.sectionTitle ?? '全文'}</Typography.Text>
              <Typography.Text type="secondary"> 第 {p.source.start + 1}–{p.source.end} 字</Typography.Text>
              <p style={{ margin: '6px 0 0', lineHeight: 1.8 }}>
                <mark style={markStyle}>{p.source.text}</mark>
              </p>
            </div>
          </div>
        ))
      )}
    </ProCard>
  );
}
