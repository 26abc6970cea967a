/** The editor's tabs: the structured parts, one tab per section of the call's template, 附件, and 形式审查 for officers. */
import type { FormSection } from '@kechuang/domain';
import { Badge, Tabs, Typography } from 'antd';
import type { Call } from '../../../api/programmes';
import type { ApplicationDetail } from '../../../api/types';
import { AttachmentSlots } from './attachments/AttachmentSlots';
import { FormalReviewPanel } from './formal-review/FormalReviewPanel';
import { PART_TABS, tabOf, type Content, type Reason } from './model';
import { BasicInfoForm } from './parts/BasicInfoForm';
import { BudgetPart } from './parts/BudgetGrid';
import { IndicatorsTable, YearlyPlanTable } from './parts/PlanTables';
import { ReasonAlerts } from './parts/ReasonAlerts';
import { TeamTables, PartnersTable } from './parts/TeamPartners';
import { TextSection } from './parts/TextSections';
import { TopicsPart } from './parts/TopicsPart';

interface Props {
  tab: string;
  setTab: (t: string) => void;
  detail: ApplicationDetail;
  call: Call | undefined;
  sections: readonly FormSection[];
  content: Content;
  setContent: (u: (c: Content) => Content) => void;
  disabled: boolean;
  reasons: readonly Reason[];
  isOfficer: boolean;
}

/** A dot on a tab that holds a return reason, so none is missed. */
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const label = (text: string, key: string, reasons: readonly Reason[], sections: readonly FormSection[]) => (reasons.some((r) => (key === 'text' ? r.field.startsWith('sections.') : tabOf(r.field, sections) === key)) ? <Badge dot offset={[4, 0]}>{text}</Badge> : text);

export function EditorTabs({ tab, setTab, detail, call, sections, content, setContent, disabled, reasons, isOfficer }: Props) {
  const part = { content, setContent, disabled, reasons };
  const panes: Record<string, React.ReactNode> = {
    basic: <BasicInfoForm {...part} call={call} chainAxes={detail.ruleSet.chainAxes} />,
    indicators: <IndicatorsTable {...part} />,
    plan: <YearlyPlanTable {...part} />,
    team: <TeamTables {...part} />,
    partners: <PartnersTable {...part} />,
    budget: <BudgetPart {...part} hasTopics={detail.call.hasTopics} />,
    topics: <TopicsPart {...part} />,
    attachments: (
      <>
        <ReasonAlerts reasons={reasons} field="attachments" />
        <AttachmentSlots applicationId={detail.id} editable={!disabled} />
      </>
    ),
  };
  const items = [
    ...PART_TABS.filter((t) => t.key !== 'topics' || detail.call.hasTopics).map((t) => ({ key: t.key, label: label(t.label, t.key, reasons, sections), children: panes[t.key] })),
    {
      key: 'text',
      label: label('申报书正文', 'text', reasons, sections),
      children: (
        <Tabs
          tabPosition="left"
          size="small"
          activeKey={tab.startsWith('sec-') ? tab : `sec-${sections[0]?.key ?? ''}`}
          onChange={setTab}
          items={sections.map((s, i) => ({
            key: `sec-${s.key}`,
            label: <span style={{ display: 'inline-block', width: 140, whiteSpace: 'normal', textAlign: 'left' }}>{label(`${CN[i] ?? i + 1}、${s.title}`, `sec-${s.key}`, reasons, sections)}</span>,
            children: <TextSection section={s} {...part} />,
          }))}
        />
      ),
    },
    ...(isOfficer && detail.submittedVersion !== null
      ? [
          {
            key: 'formal-review',
            label: '形式审查',
            children: (
              <>
                <Typography.Paragraph type="secondary">形式审查按本指南的审查清单逐项记录通过或不通过及理由；受理前须完成查重。</Typography.Paragraph>
                <FormalReviewPanel applicationId={detail.id} />
              </>
            ),
          },
        ]
      : []),
  ];
  // The template's sections sit under one tab, each its own inner tab: thirteen tabs in a row would not fit 1280 px.
  return <Tabs activeKey={tab.startsWith('sec-') ? 'text' : tab} onChange={(k) => setTab(k === 'text' ? `sec-${sections[0]?.key ?? ''}` : k)} items={items} size="small" destroyOnHidden={false} />;
}
