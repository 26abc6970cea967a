/**
 * 申报书 detail: the applicant's editor (built from the call's template, autosaved with versions, kept locally until
 * the server has it) with live checks beside it; the unit admin, recommending unit and officer act on the same page.
 */
import { HistoryOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { DEFAULT_PROPOSAL_TEMPLATE, type ApplicationState } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import type { Call } from '../../../api/programmes';
import type { ApplicationDetail } from '../../../api/types';
import { useSession } from '../../../app/session';
import { ApiError } from '../../../api/errors';
import { ForbiddenResult, NotFoundResult } from '../../../components/ErrorResults';
import { PageLoading } from '../../../components/PageLoading';
import { ActionBar } from './ActionBar';
import { ChecksPanel, fieldLinkProps } from './ChecksPanel';
import { ExpertRatingCard } from './ExpertRatingCard';
import { ConflictModal } from './ConflictModal';
import { EditorTabs } from './EditorTabs';
import { fieldLabel, focusPath, tabOf } from './model';
import { SaveStatusTag } from './SaveStatusTag';
import { useDraft } from './useDraft';
import { VersionsDrawer } from './VersionsDrawer';

const STATE_COLOURS: Record<ApplicationState, string> = { draft: 'default', submitted: 'processing', endorsed: 'cyan', recommended: 'geekblue', accepted: 'success', returned: 'warning' };

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['applications', id], queryFn: ({ signal }) => api.get<ApplicationDetail>(`/applications/${id}`, undefined, signal) });
  const callId = detail.data?.call.id;
  // The template (sections, categories, fields, items) is the published call's, readable by anyone.
  const call = useQuery({ queryKey: ['public-calls', callId], enabled: callId !== undefined, queryFn: ({ signal }) => api.get<Call>(`/public/calls/${callId}`, undefined, signal), retry: false });
  if (detail.error) {
    const status = detail.error instanceof ApiError ? detail.error.status : 0;
    if (status === 404) return <NotFoundResult />;
    if (status === 403) return <ForbiddenResult />;
    return <Alert type="error" showIcon message="申报书加载失败" description={detail.error.message} />;
  }
  if (!detail.data) return <PageLoading />;
  // A new state (submitted, returned …) starts the editor afresh from the server's content and version.
  return <DetailView key={`${detail.data.id}:${detail.data.state}:${detail.data.submittedVersion ?? 0}`} detail={detail.data} call={call.data} />;
}

function DetailView({ detail, call }: { detail: ApplicationDetail; call: Call | undefined }) {
  const me = useSession();
  const qc = useQueryClient();
  const editable = detail.actions.includes('edit');
  const sections = call?.formSections ?? DEFAULT_PROPOSAL_TEMPLATE;
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: ['applications', detail.id] }), [qc, detail.id]);
  const draft = useDraft(detail.id, { content: detail.content, version: detail.version }, editable, refresh);
  const [tab, setTab] = useState('basic');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const reasons = detail.state === 'returned' ? detail.returnReasons : [];
  const isOfficer = me.permissions.includes('application.review');

  const pick = useCallback(
    (field: string) => {
      setTab(tabOf(field, sections));
      // After the tab's panel rendered.
      window.setTimeout(() => focusPath(field), 80);
    },
    [sections],
  );

  return (
    <PageContainer
      title={detail.title || '（未填写项目名称）'}
      breadcrumb={{ items: [{ title: <Link to="/applications">申报书</Link> }, { title: detail.applicationNo }] }}
      subTitle={
        <Space size={4}>
          <Tag color={STATE_COLOURS[detail.state]} data-testid="application-state">
            {detail.stateLabel}
          </Tag>
          <Typography.Text type="secondary">{detail.applicationNo}</Typography.Text>
        </Space>
      }
      content={
        <Typography.Text type="secondary">
          {detail.call.title}
          {detail.guidelineItem ? ` · ${detail.guidelineItem.code} ${detail.guidelineItem.title}` : ''}
          {detail.organisation.name ? ` · ${detail.organisation.name}` : ''}
        </Typography.Text>
      }
      extra={
        <Space wrap>
          {editable ? <SaveStatusTag status={draft.status} version={draft.version} error={draft.error} /> : <Typography.Text type="secondary">第{detail.version}版</Typography.Text>}
          <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
            版本记录
          </Button>
          {isOfficer && detail.submittedVersion !== null ? (
            <Link to={`/applications/${detail.id}/duplicate-report`}>
              <Button>查重报告</Button>
            </Link>
          ) : null}
          <ActionBar detail={detail} sections={sections} flush={draft.flush} onDone={refresh} onPick={pick} />
        </Space>
      }
    >
      {reasons.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="return-summary"
          message={`申报书已被退回，请按以下${reasons.length}条意见修改后重新提交`}
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {reasons.map((r, i) => (
                <li key={i}>
                  <Typography.Link {...fieldLinkProps(r.field, pick)}>{fieldLabel(r.field, sections)}</Typography.Link>：{r.reason}
                </li>
              ))}
            </ol>
          }
        />
      ) : null}
      {/* Reverse evaluation (P315-5): the applicant side only, once the application is in review. */}
      {!isOfficer && detail.state === 'accepted' && me.permissions.includes('application.apply') ? <ExpertRatingCard applicationId={detail.id} /> : null}
      <Row gutter={12} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <EditorTabs
              tab={tab}
              setTab={setTab}
              detail={detail}
              call={call}
              sections={sections}
              content={draft.content}
              setContent={draft.setContent}
              disabled={!editable}
              reasons={reasons}
              isOfficer={isOfficer}
            />
          </Card>
        </Col>
        <Col flex="300px">
          <ChecksPanel checks={detail.checks} opensAt={call?.opensAt} sections={sections} onPick={pick} stale={draft.status !== 'saved'} editable={editable} />
        </Col>
      </Row>
      <ConflictModal conflict={draft.conflict} baseVersion={draft.version} sections={sections} onKeepMine={draft.keepMine} onTakeTheirs={draft.takeTheirs} />
      <VersionsDrawer applicationId={detail.id} open={versionsOpen} onClose={() => setVersionsOpen(false)} sections={sections} currentVersion={draft.version} />
    </PageContainer>
  );
}
