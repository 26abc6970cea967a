/**
 * 经费测算 (public): the subsidy a project would get under the rules in force on a date, with every rule
 * applied and every problem found. Amounts are typed in 万元 and sent as integer 元.
 */
import { ProForm, ProFormDatePicker, ProFormDigit, ProFormList, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { OVERLAP_LEVEL_LABELS, OVERLAP_LEVELS, ruleSetInForce, type OverlapLevel } from '@kechuang/domain';
import { Alert, Card, Col, Form, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import { programmeOptions, useProgramme, useProgrammes, type FundingQuoteBody, type FundingQuoteResponse } from '../../../api/programmes';
import { PublicShell } from '../../../components/PublicShell';
import { APP_TIME_ZONE, dayjs } from '../../../lib/time';
import { ProFormWan, wanRules, wanValueToYuan } from '../../../lib/wan';
import { QuoteResult } from './QuoteResult';

interface Values {
  programme: string;
  date: unknown;
  category: string;
  totalInvestment: string;
  requested: string;
  durationMonths?: number;
  overlaps?: { level: OverlapLevel; name: string; amount: string }[];
}

const LEVEL_OPTIONS = OVERLAP_LEVELS.map((l) => ({ value: l, label: OVERLAP_LEVEL_LABELS[l] }));

/** A picker value (Dayjs) or the string ProForm made of it → 'YYYY-MM-DD'. */
const dayOf = (v: unknown): string | undefined => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : typeof v === 'string' && v ? v.slice(0, 10) : undefined);

export default function CalculatorPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const [quote, setQuote] = useState<FundingQuoteResponse | null>(null);
  // A result stays visible after the inputs change, marked as no longer matching them.
  const [stale, setStale] = useState(false);
  const programmes = useProgrammes();
  const programmeCode = Form.useWatch('programme', form);
  const day = dayOf(Form.useWatch('date', form));
  const programme = useProgramme(programmeCode);

  // Categories of the version in force on the chosen day, the same rule the server applies (BL-1).
  const version = useMemo(() => {
    if (!programme.data || !day) return null;
    const versions = programme.data.versions.map((v) => ({ ...v, programmeCode: programme.data.code }));
    return ruleSetInForce({ versions }, day);
  }, [programme.data, day]);
  const categoryOptions = (version?.parameters.categories ?? []).map((c) => ({ value: c.code, label: c.name }));

  const onFinish = async (values: Values) => {
    const body: FundingQuoteBody = {
      programme: values.programme,
      category: values.category,
      date: dayOf(values.date) ?? '',
      totalInvestment: wanValueToYuan(values.totalInvestment) ?? 0,
      requested: wanValueToYuan(values.requested) ?? 0,
      overlaps: (values.overlaps ?? []).map((o) => ({ level: o.level, name: o.name.trim(), amount: wanValueToYuan(o.amount) ?? 0 })),
      ...(values.durationMonths ? { durationMonths: values.durationMonths } : {}),
    };
    try {
      setQuote(await api.post<FundingQuoteResponse>('/funding/quote', body));
      setStale(false);
    } catch (error) {
      setQuote(null);
      onError(attachCodeToField(error, { NO_VERSION_IN_FORCE: 'date', PROGRAMME_NOT_FOUND: 'programme' }), form);
    }
  };

  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        经费测算
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        按所选日期生效的政策版本测算财政补助，逐条列出所用规则。测算结果仅供参考，最终以评审和立项结果为准。金额单位均为万元，最多保留4位小数（精确到元）。
      </Typography.Paragraph>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <Card title="项目信息">
            <ProForm<Values>
              form={form}
              layout="vertical"
              initialValues={{ programme: params.get('programme') ?? undefined, date: dayjs(dayjs().tz(APP_TIME_ZONE).format('YYYY-MM-DD')), overlaps: [] }}
              onValuesChange={(changed: Partial<Values>) => {
                setStale(true);
                // A category belongs to one programme version: a new programme or day may not have it.
                if ('programme' in changed || 'date' in changed) form.setFieldValue('category', undefined);
              }}
              onFinish={onFinish}
              submitter={{ searchConfig: { submitText: '开始测算', resetText: '重置' }, onReset: () => setQuote(null) }}
            >
              <ProFormSelect
                name="programme"
                label="计划"
                options={programmeOptions(programmes.data)}
                fieldProps={{ loading: programmes.isPending }}
                rules={[{ required: true, message: '请选择计划' }]}
                placeholder="请选择计划"
              />
              <ProFormDatePicker
                name="date"
                label="测算日期"
                width="100%"
                tooltip="按该日（北京时间）生效的政策版本测算"
                rules={[{ required: true, message: '请选择测算日期' }]}
              />
              <ProFormSelect
                name="category"
                label="申报类别"
                options={categoryOptions}
                disabled={!version}
                placeholder={programmeCode && day && programme.data && !version ? '该日期没有生效的政策版本' : '请选择类别'}
                extra={version ? `依据 ${version.version}版 ${version.documentNo}，${version.effectiveFrom} 起施行` : undefined}
                rules={[{ required: true, message: '请选择申报类别' }]}
              />
              <ProFormWan name="totalInvestment" label="研发总投入" placeholder="如 2000" rules={wanRules('研发总投入', { required: '请填写研发总投入（万元）', positive: true })} />
              <ProFormWan name="requested" label="申请财政补助" placeholder="如 600" rules={wanRules('申请财政补助', { required: '请填写申请财政补助（万元）', positive: true })} />
              <ProFormDigit
                name="durationMonths"
                label="实施期（月，选填）"
                min={1}
                max={600}
                fieldProps={{ precision: 0 }}
                rules={[{ type: 'integer', min: 1, max: 600, message: '实施期须为1至600之间的整数月' }]}
              />
              <ProFormList
                name="overlaps"
                label="与上级项目重复（选填）"
                tooltip="同一项目已获市级、省级或国家级立项支持时，按就高原则只支持一次"
                creatorButtonProps={{ creatorButtonText: '添加重复的上级项目' }}
                creatorRecord={() => ({ level: 'city' })}
                copyIconProps={false}
                deleteIconProps={{ tooltipText: '删除' }}
                itemRender={({ listDom, action }) => (
                  <Card size="small" style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }} extra={action} title="上级项目">
                    {listDom}
                  </Card>
                )}
              >
                <ProFormSelect name="level" label="层级" options={LEVEL_OPTIONS} rules={[{ required: true, message: '请选择层级' }]} />
                <ProFormText name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写上级项目名称' }]} fieldProps={{ maxLength: 200 }} />
                <ProFormWan name="amount" label="上级支持金额" rules={wanRules('上级支持金额', { required: '请填写上级支持金额（万元）' })} />
              </ProFormList>
            </ProForm>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {quote ? (
            <QuoteResult quote={quote} stale={stale} />
          ) : (
            <Card>
              <Alert
                type="info"
                showIcon
                title="填写左侧项目信息后点击“开始测算”"
                description="系统按所选计划在该日生效的规则逐条计算：补助比例、类别上限、支持强度、自筹配套、与上级项目重复时的就高原则和年度预算，并列出每条规则的编号与所用数字。"
              />
            </Card>
          )}
        </Col>
      </Row>
    </PublicShell>
  );
}
