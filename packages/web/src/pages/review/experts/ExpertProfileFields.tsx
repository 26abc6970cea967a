/**
 * The profile fields an expert keeps and an officer edits (领域、关键词、职称、单位、地区、可否参评、申报回避), shared by
 * the officer's drawer and the expert's own page. Field choices come from the programme taxonomy the server checks.
 */
import { ProFormDependency, ProFormList, ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { EXPERT_MAX_KEYWORDS, type ExpertTaxonomy } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

export function useExpertTaxonomy() {
  return useQuery({ queryKey: ['experts', 'fields'], queryFn: () => api.get<ExpertTaxonomy>('/experts/fields'), staleTime: 10 * 60_000 });
}

/** Field code → name, for tags in lists and pages. */
export function useFieldNames(): (code: string) => string {
  const taxonomy = useExpertTaxonomy();
  const names = new Map((taxonomy.data?.items ?? []).map((f) => [f.code, f.name]));
  return (code) => names.get(code) ?? code;
}

export function ExpertProfileFields() {
  const taxonomy = useExpertTaxonomy();
  const options = (taxonomy.data?.items ?? []).map((f) => ({ value: f.code, label: f.name }));
  return (
    <>
      <ProFormText name="title" label="职称" placeholder="如 教授级高级工程师" />
      <ProFormText name="organisationName" label="工作单位" rules={[{ required: true, message: '请填写工作单位' }]} />
      <ProFormText name="organisationCreditCode" label="单位统一社会信用代码" tooltip="用于回避判断：与申报单位或合作单位相同的专家不评审该项目" placeholder="18位，选填" />
      <ProFormText name="region" label="所在地区" placeholder="如 浙江省宁波市北仑区" rules={[{ required: true, message: '请填写所在地区' }]} />
      <ProFormSelect name="fields" label="评审领域" mode="multiple" options={options} fieldProps={{ 'aria-label': '评审领域', loading: taxonomy.isLoading }} rules={[{ required: true, message: '请至少选择一个评审领域' }]} />
      <ProFormSelect
        name="keywords"
        label="关键词"
        mode="tags"
        tooltip={`最多${EXPERT_MAX_KEYWORDS}个，用于与申报书匹配`}
        fieldProps={{ 'aria-label': '关键词', tokenSeparators: ['，', ',', '、'], maxCount: EXPERT_MAX_KEYWORDS, open: false }}
      />
      <ProFormSelect name="consortia" label="创新联合体" mode="tags" fieldProps={{ 'aria-label': '创新联合体', tokenSeparators: ['，', ','], open: false }} />
      <ProFormSwitch name="available" label="可参加评审" />
      <ProFormList
        name="declaredConflicts"
        label="申报回避"
        tooltip="与您存在利害关系的单位或个人，系统在分配时自动回避"
        creatorButtonProps={{ creatorButtonText: '添加回避对象' }}
        itemRender={({ listDom, action }) => (
          <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8, border: '1px dashed #d9d9d9', padding: '8px 8px 0', marginBottom: 8 }}>
            <div style={{ flex: 1 }}>{listDom}</div>
            {action}
          </div>
        )}
      >
        <ProFormSelect name="kind" label="类型" options={[{ value: 'organisation', label: '单位' }, { value: 'person', label: '个人' }]} fieldProps={{ 'aria-label': '回避对象类型' }} rules={[{ required: true, message: '请选择类型' }]} />
        <ProFormText name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]} />
        <ProFormDependency name={['kind']}>
          {({ kind }) =>
            kind === 'person' ? (
              <ProFormText name="idNumber" label="身份证号码" rules={[{ required: true, message: '请填写身份证号码' }]} />
            ) : (
              <ProFormText name="creditCode" label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }]} />
            )
          }
        </ProFormDependency>
        <ProFormText name="reason" label="回避原因" rules={[{ required: true, message: '请填写回避原因' }]} />
      </ProFormList>
    </>
  );
}

/** The form's values as the API takes them (empty optionals as ''). */
export function profileBody(v: Record<string, unknown>) {
  return {
    title: v.title ?? '',
    organisationName: v.organisationName ?? '',
    organisationCreditCode: v.organisationCreditCode ?? '',
    region: v.region ?? '',
    fields: v.fields ?? [],
    keywords: v.keywords ?? [],
    consortia: v.consortia ?? [],
    available: v.available ?? true,
    declaredConflicts: v.declaredConflicts ?? [],
  };
}
