/**
 * The five-step call form. Each step keeps its own values; the draft collects them as steps are passed, and
 * the last step shows the call exactly as the public page will and saves it as a draft. Publishing is a
 * separate, confirmed action on the list and detail pages.
 */
import { ProCard, StepsForm, type StepsFormRef } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { ApiError, errorText, isRedirectedError } from '../../../api/errors';
import { callKeys, programmeQuery, useProgramme, type Call } from '../../../api/programmes';
import { CallView } from '../../../components/call/CallView';
import { BasicStep } from './BasicStep';
import { formNamePath, previewOf, stepOfField, toCallInput, versionAt, wallClock, type CallDraft } from './call-form';
import { ItemsStep } from './ItemsStep';
import { RequirementsStep } from './RequirementsStep';
import { ScopeStep } from './ScopeStep';

const STEP_TITLES = ['基本信息', '类别与领域', '指南条目', '申报要求', '预览'];

interface Props {
  initial: CallDraft;
  /** The call being edited; none when creating. */
  callId?: string;
}

export function CallWizard({ initial, callId }: Props) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const stepsRef = useRef<StepsFormRef>(null);
  const [current, setCurrent] = useState(0);
  const [draft, setDraft] = useState<CallDraft>(initial);
  const [serverErrors, setServerErrors] = useState<{ step: number; message: string }[]>([]);
  const programme = useProgramme(draft.programmeCode);
  const version = versionAt(programme.data, draft.opensAt);
  const merge = (values: Partial<CallDraft>) => setDraft((d) => ({ ...d, ...values }));
  const step = <T,>(apply?: (v: T) => Partial<CallDraft>) => async (values: T) => {
    merge(apply ? apply(values) : (values as Partial<CallDraft>));
    return true;
  };

  const finishBasic = async (values: Partial<CallDraft> & { opensAt?: unknown; closesAt?: unknown }) => {
    const opensAt = wallClock(values.opensAt);
    // The later steps offer the categories of the version in force at the opening: it must exist.
    const detail = await queryClient.fetchQuery(programmeQuery(values.programmeCode ?? ''));
    if (!versionAt(detail, opensAt)) {
      void message.error('申报开始时间所在日没有生效的政策版本，请调整开始时间');
      return false;
    }
    merge({ ...values, opensAt, closesAt: wallClock(values.closesAt) });
    return true;
  };

  /** Puts each server problem under its field in its step, and goes to the first step concerned. */
  const showServerErrors = (error: ApiError) => {
    const listed = error.errors.map((e) => ({ ...e, step: stepOfField(e.field) }));
    for (const e of listed) stepsRef.current?.getStepFormInstance(e.step)?.setFields([{ name: formNamePath(e.field), errors: [e.message] }]);
    setServerErrors(listed.length ? listed : [{ step: 4, message: error.detail }]);
    if (listed.length) setCurrent(Math.min(...listed.map((e) => e.step)));
    void message.error(listed.length ? `${error.title}，请按标红的提示修改` : error.detail);
  };

  const save = async () => {
    setServerErrors([]);
    try {
      const body = toCallInput(draft);
      const saved = callId ? await api.put<Call>(`/calls/${callId}`, body) : await api.post<Call>('/calls', body);
      void message.success(`已保存草稿“${saved.title}”。确认无误后即可发布。`);
      void queryClient.invalidateQueries({ queryKey: callKeys.all });
      queryClient.setQueryData(callKeys.detail(saved.id), saved);
      void navigate(`/calls/${saved.id}`);
    } catch (error) {
      if (isRedirectedError(error)) return false;
      if (error instanceof ApiError) showServerErrors(error);
      else void message.error(errorText(error));
    }
    return false;
  };

  const fields = (version?.parameters.fields ?? []).filter((f) => draft.fieldCodes.includes(f.code));
  const noVersion = <Empty description="请先在第一步选择计划和申报开始时间" />;

  return (
    <ProCard>
      {serverErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="保存未成功，请修改以下问题"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {serverErrors.map((e, i) => (
                <li key={i}>
                  {e.step < 4 && <a onClick={() => setCurrent(e.step)}>【{STEP_TITLES[e.step]}】</a>}
                  {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <StepsForm
        stepsFormRef={stepsRef}
        current={current}
        onCurrentChange={setCurrent}
        containerStyle={{ width: '100%', maxWidth: 1040 }}
        submitter={{
          render: (props) => [
            props.step === 0 && (
              <Button key="cancel" onClick={() => void navigate(callId ? `/calls/${callId}` : '/calls')}>
                取消
              </Button>
            ),
            props.step > 0 && (
              <Button key="pre" onClick={() => props.onPre?.()}>
                上一步
              </Button>
            ),
            <Button key="next" type="primary" onClick={() => props.onSubmit?.()}>
              {props.step === STEP_TITLES.length - 1 ? '保存草稿' : '下一步'}
            </Button>,
          ],
        }}
      >
        <StepsForm.StepForm
          name="stepBasic"
          title={STEP_TITLES[0]}
          layout="vertical"
          grid
          rowProps={{ gutter: 16 }}
          initialValues={{ programmeCode: initial.programmeCode, title: initial.title, description: initial.description, selectionMode: initial.selectionMode, opensAt: initial.opensAt, closesAt: initial.closesAt }}
          onFinish={finishBasic}
        >
          <BasicStep />
        </StepsForm.StepForm>
        <StepsForm.StepForm
          name="stepScope"
          title={STEP_TITLES[1]}
          layout="vertical"
          grid
          initialValues={{ categoryCodes: initial.categoryCodes, fieldCodes: initial.fieldCodes }}
          onFinish={step<Pick<CallDraft, 'categoryCodes' | 'fieldCodes'>>((v) => ({ categoryCodes: v.categoryCodes ?? [], fieldCodes: v.fieldCodes ?? [] }))}
        >
          {version ? <ScopeStep version={version} /> : noVersion}
        </StepsForm.StepForm>
        <StepsForm.StepForm
          name="stepItems"
          title={STEP_TITLES[2]}
          layout="vertical"
          grid
          initialValues={{ guidelineItems: initial.guidelineItems }}
          onFinish={step<Pick<CallDraft, 'guidelineItems'>>((v) => ({ guidelineItems: v.guidelineItems ?? [] }))}
        >
          <ItemsStep fields={fields} challenge={draft.selectionMode === 'openChallenge'} />
        </StepsForm.StepForm>
        <StepsForm.StepForm
          name="stepRequirements"
          title={STEP_TITLES[3]}
          layout="vertical"
          grid
          rowProps={{ gutter: 16 }}
          initialValues={{ formSections: initial.formSections, requiredAttachments: initial.requiredAttachments, eligibility: initial.eligibility }}
          onFinish={step<Pick<CallDraft, 'formSections' | 'requiredAttachments' | 'eligibility'>>((v) => ({
            formSections: v.formSections ?? [],
            requiredAttachments: v.requiredAttachments ?? [],
            eligibility: v.eligibility ?? {},
          }))}
        >
          <RequirementsStep />
        </StepsForm.StepForm>
        <StepsForm.StepForm name="stepPreview" title={STEP_TITLES[4]} onFinish={save}>
          {current === 4 && programme.data && version ? (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title="以下为发布后公众看到的页面。保存后为草稿，仅科技局可见；发布须在指南列表或详情页另行操作。" />
              <CallView call={previewOf(draft, programme.data, version)} />
            </>
          ) : (
            noVersion
          )}
        </StepsForm.StepForm>
      </StepsForm>
    </ProCard>
  );
}
