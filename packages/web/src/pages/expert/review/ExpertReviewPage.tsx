/**
 * One review task of the signed-in expert: first the declaration (回避声明) — no conflict opens the application,
 * a conflict declines the task (a replacement is drawn; the expert is told only whether one was found) — then
 * the submitted application beside the score sheet.
 */
import { PageContainer } from '@ant-design/pro-components';
import { countdownText, type AssignmentDetail } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Result, Row, Space, Spin, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { assignmentStatus } from '../reviews/MyReviewsPage';
import { ApplicationReader } from './ApplicationReader';
import { ScoreForm } from './ScoreForm';

function Declaration({ detail }: { detail: AssignmentDetail }) {
  const { modal } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<'none' | 'conflict' | null>(null);
  const [reason, setReason] = useState('');
  const open = useMutation({
    mutationFn: () => api.post<AssignmentDetail>(`/review/assignments/${detail.id}/open`),
    onSuccess: (d) => {
      qc.setQueryData(['expert', 'review', detail.id], d);
      void qc.invalidateQueries({ queryKey: ['expert', 'reviews'] });
    },
    onError: (e) => onError(e),
  });
  const decline = useMutation({
    mutationFn: () => api.post<{ replaced: boolean; message: string }>(`/review/assignments/${detail.id}/decline`, { reason }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['expert', 'reviews'] });
      modal.info({ title: '回避声明已提交', content: r.message, okText: '返回我的评审', onOk: () => navigate('/expert/reviews') });
    },
    onError: (e) => onError(e),
  });
  const confirm = () => {
    if (choice === 'none') return open.mutate();
    modal.confirm({ title: '确认申请回避？', content: '提交后本评审任务将取消，由系统另行分配专家；您声明的回避关系将记入专家档案。', okText: '确认回避', cancelText: '取消', onOk: () => decline.mutateAsync() });
  };
  return (
    <Card title="回避声明" size="small" style={{ maxWidth: 760 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="打开申报书前，请如实声明您与该申报书的申报单位、合作单位及项目组成员之间是否存在需要回避的关系（如任职、近三年合作、亲属关系等）。声明无需回避并打开申报书后，不能再申请回避。"
      />
      <Form layout="vertical" component="div">
        <Form.Item label={`申报书 ${detail.applicationNo}「${detail.title}」`} required>
          <Radio.Group aria-label="回避声明" value={choice} onChange={(e) => setChoice(e.target.value as 'none' | 'conflict')}>
            <Space direction="vertical">
              <Radio value="none">本人与该申报书不存在需要回避的关系</Radio>
              <Radio value="conflict">本人需要回避</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {choice === 'conflict' && (
          <Form.Item label="回避理由" required htmlFor="decline-reason">
            <Input.TextArea id="decline-reason" aria-label="回避理由" value={reason} maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        )}
      </Form>
      <Button type="primary" disabled={!choice || (choice === 'conflict' && reason.trim().length < 2)} loading={open.isPending || decline.isPending} onClick={confirm}>
        {choice === 'conflict' ? '提交回避声明' : '确认声明并打开申报书'}
      </Button>
    </Card>
  );
}

export default function ExpertReviewPage() {
  const { assignmentId = '' } = useParams();
  const q = useQuery({ queryKey: ['expert', 'review', assignmentId], queryFn: () => api.get<AssignmentDetail>(`/review/assignments/${assignmentId}`), retry: false });
  if (q.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!q.data) return <Result status="404" title="评审任务不存在" subTitle={q.error instanceof ApiError ? q.error.detail : undefined} />;
  const d = q.data;
  const status = assignmentStatus(d);
  const step = d.state === 'toDeclare' ? 0 : d.state === 'submitted' ? 2 : 1;
  return (
    <PageContainer
      title={d.title}
      breadcrumbRender={false}
      subTitle={d.applicationNo}
      tags={<Tag color={status.color}>{status.text}</Tag>}
      content={d.closesAt ? `评分截止：${formatDateTime(d.closesAt)}（${countdownText(new Date(d.closesAt), new Date())}）· ${d.callTitle}` : d.callTitle}
    >
      <Steps size="small" current={step} style={{ marginBottom: 16, maxWidth: 760 }} items={[{ title: '回避声明' }, { title: '阅读与评分' }, { title: '已提交' }]} />
      {d.state === 'toDeclare' ? (
        <Declaration detail={d} />
      ) : d.openedAt ? (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <ApplicationReader assignmentId={d.id} />
          </Col>
          <Col xs={24} xl={10}>
            <ScoreForm key={d.sheet?.status ?? 'none'} detail={d} />
          </Col>
        </Row>
      ) : (
        <Alert type="warning" showIcon message="评分已截止，您未打开该申报书。" />
      )}
    </PageContainer>
  );
}
