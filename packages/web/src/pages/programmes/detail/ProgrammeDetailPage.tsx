/** A programme's rules: its versions, the selected version's settings, categories and fields, and a version diff. */
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Descriptions, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../../api/errors';
import { useProgramme, type ProgrammeVersion } from '../../../api/programmes';
import { PageLoading } from '../../../components/PageLoading';
import { RulesCards } from './RulesCards';
import { VersionDiffCard } from './VersionDiffCard';
import { VersionFormModal } from './VersionFormModal';
import { VersionsCard } from './VersionsCard';
import { VersionSummary } from './VersionSummary';
import { WideScreenOnly } from '../../../components/WideScreenOnly';

export default function ProgrammeDetailPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const programme = useProgramme(code);
  const [versionForm, setVersionForm] = useState<{ open: boolean; mode: 'create' | 'edit' }>({ open: false, mode: 'create' });

  if (programme.isPending) return <PageLoading />;
  if (programme.error) {
    const missing = isApiError(programme.error, 'PROGRAMME_NOT_FOUND');
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '计划不存在' : '计划加载失败'}
        subTitle={errorText(programme.error)}
        extra={<Button onClick={() => void navigate('/programmes')}>返回计划列表</Button>}
      />
    );
  }

  const p = programme.data;
  // The version shown is in the URL (?version=…) so a link opens the same view; default: the one in force.
  const selectedId = params.get('version') ?? p.currentVersionId ?? p.versions[p.versions.length - 1]?.id;
  const selected = p.versions.find((v) => v.id === selectedId);
  const select = (id: string) => setParams({ version: id }, { replace: true });
  // 新建版本 copies the version in force (or the newest) so the officer starts from today's rules.
  const copyBase = p.versions.find((v) => v.id === p.currentVersionId) ?? p.versions[p.versions.length - 1] ?? null;

  const onVersionSaved = (v: ProgrammeVersion) => {
    setVersionForm((f) => ({ ...f, open: false }));
    void programme.refetch().then(() => select(v.id));
  };

  return (
    <PageContainer
      title={p.name}
      breadcrumbRender={false}
      onBack={() => void navigate('/programmes')}
      content={
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'code', label: '计划代码', children: <Typography.Text style={{ fontFamily: 'monospace' }}>{p.code}</Typography.Text> },
            { key: 'issuer', label: '发布单位', children: p.issuer },
            ...(p.description ? [{ key: 'desc', label: '说明', span: 2, children: p.description }] : []),
          ]}
        />
      }
    >
      <WideScreenOnly minWidth={1200}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {p.versions.length > 0 && !p.currentVersionId && <Alert type="warning" showIcon title="今天没有生效的政策版本：已有版本均尚未到生效日期。" />}
          <VersionsCard programme={p} selectedId={selected?.id} onSelect={select} onCreate={() => setVersionForm({ open: true, mode: 'create' })} />
          {selected && (
            <>
              <VersionSummary version={selected} onEdit={() => setVersionForm({ open: true, mode: 'edit' })} />
              <RulesCards code={p.code} version={selected} />
            </>
          )}
          <VersionDiffCard programme={p} selectedId={selected?.id} />
        </Space>
      </WideScreenOnly>
      <VersionFormModal
        code={p.code}
        mode={versionForm.mode}
        base={versionForm.mode === 'create' ? copyBase : (selected ?? null)}
        open={versionForm.open}
        onOpenChange={(open) => setVersionForm((f) => ({ ...f, open }))}
        onSaved={onVersionSaved}
      />
    </PageContainer>
  );
}
