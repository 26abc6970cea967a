/** 新建指南 (/calls/new) and 编辑指南 (/calls/:id/edit, drafts only). */
import { PageContainer } from '@ant-design/pro-components';
import { Button, Result } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../../api/errors';
import { useCall } from '../../../api/programmes';
import { PageLoading } from '../../../components/PageLoading';
import { draftFromCall, emptyDraft } from './call-form';
import { CallWizard } from './CallWizard';
import { WideScreenOnly } from '../../../components/WideScreenOnly';

export default function CallEditPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const call = useCall(id);
  const title = id ? '编辑申报指南' : '新建申报指南';
  const programmeParam = params.get('programme') ?? undefined;
  // Computed once per loaded call: the wizard reads it only when it mounts.
  const initial = useMemo(() => (call.data ? draftFromCall(call.data) : emptyDraft(programmeParam)), [call.data, programmeParam]);
  const back = () => void navigate(id ? `/calls/${id}` : '/calls');

  if (id && call.isPending) return <PageLoading />;
  if (id && call.error) {
    return <Result status="error" title="申报指南加载失败" subTitle={errorText(call.error)} extra={<Button onClick={() => void navigate('/calls')}>返回指南列表</Button>} />;
  }
  if (id && call.data && !call.data.actions.edit) {
    return (
      <Result
        status="warning"
        title="该申报指南不能再编辑"
        subTitle={`指南当前为“${call.data.statusLabel}”。发布后规则已冻结，只能截止或归档。`}
        extra={<Button onClick={back}>查看指南</Button>}
      />
    );
  }

  return (
    <PageContainer title={title} breadcrumbRender={false} onBack={back} content="分五步填写，最后一步预览发布后的公开页面并保存为草稿。时间均为北京时间，精确到秒；金额单位为万元。">
      {/* Keyed by call so switching from one call's form to another starts from that call's values. */}
      <WideScreenOnly>
        <CallWizard key={id ?? 'new'} initial={initial} callId={id} />
      </WideScreenOnly>
    </PageContainer>
  );
}
