/** 项目团队 (the leader, whose ID number is shown masked once saved, and members) and 合作单位 by 统一社会信用代码. */
import { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, PARTNER_ROLE_LABELS, PARTNER_ROLES, validateCreditCode, validateResidentId } from '@kechuang/domain';
import { Col, Form, Input, InputNumber, Row, Tooltip, Typography } from 'antd';
import { fieldId, reasonsFor, type Content, type Reason } from '../model';
import { NumberCell, RowsTable, SelectCell, setAt, TextCell } from './cells';
import { ReasonAlerts } from './ReasonAlerts';

interface PartProps {
  content: Content;
  setContent: (u: (c: Content) => Content) => void;
  disabled: boolean;
  reasons: readonly Reason[];
}
type Leader = NonNullable<NonNullable<Content['team']>['leader']>;
type Member = NonNullable<NonNullable<Content['team']>['members']>[number];
type Partner = NonNullable<Content['partners']>[number];

/** A masked number as the server shows it (330206********123X): left alone, the stored one is kept. */
const isMasked = (id: string) => id.includes('*');

export function TeamTables({ content, setContent, disabled, reasons }: PartProps) {
  const leader = content.team?.leader ?? {};
  const members = content.team?.members ?? [];
  const setLeader = (patch: Partial<Leader>) => setContent((c) => ({ ...c, team: { ...c.team, leader: { ...c.team?.leader, ...patch } } }));
  const setMembers = (next: Member[]) => setContent((c) => ({ ...c, team: { ...c.team, members: next } }));
  const id = leader.idNumber ?? '';
  const idCheck = id && !isMasked(id) ? validateResidentId(id) : null;
  const leaderItem = (key: keyof Leader, label: string, child: React.ReactNode, help?: string, status?: 'error' | 'warning') => {
    const r = reasonsFor(reasons, `team.leader.${key}`, true);
    return (
      <Col span={6}>
        <Form.Item label={label} required htmlFor={fieldId(`team.leader.${key}`)} validateStatus={r.length ? 'warning' : status} help={r.length ? r.map((x) => `退回意见：${x.reason}`).join('；') : help}>
          {child}
        </Form.Item>
      </Col>
    );
  };
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        项目负责人
      </Typography.Title>
      <ReasonAlerts reasons={reasons} field="team.leader" exact />
      <Form layout="vertical" component="div">
        <Row gutter={12}>
          {leaderItem('name', '姓名', <Input id={fieldId('team.leader.name')} value={leader.name ?? ''} maxLength={50} disabled={disabled} onChange={(e) => setLeader({ name: e.target.value })} />)}
          {leaderItem('title', '职称', <Input id={fieldId('team.leader.title')} value={leader.title ?? ''} maxLength={50} disabled={disabled} onChange={(e) => setLeader({ title: e.target.value })} />)}
          {leaderItem('birthYear', '出生年份', <InputNumber id={fieldId('team.leader.birthYear')} value={leader.birthYear ?? null} min={1900} max={2100} precision={0} controls={false} style={{ width: '100%' }} disabled={disabled} onChange={(v) => setLeader({ birthYear: v === null ? undefined : Number(v) })} />)}
          {leaderItem(
            'idNumber',
            '身份证号码',
            <Input id={fieldId('team.leader.idNumber')} value={id} maxLength={30} disabled={disabled} autoComplete="off" onChange={(e) => setLeader({ idNumber: e.target.value.trim().toUpperCase() })} onFocus={(e) => isMasked(id) && e.target.select()} />,
            isMasked(id) ? '已保存，仅显示遮蔽后的号码；如需更正请整体重新输入' : idCheck && !idCheck.ok ? idCheck.message : undefined,
            idCheck && !idCheck.ok ? 'error' : undefined,
          )}
        </Row>
      </Form>
      <Typography.Title level={5}>团队成员</Typography.Title>
      <ReasonAlerts reasons={reasons} field="team.members" />
      <RowsTable<Member>
        path="team.members"
        rows={members}
        disabled={disabled}
        max={100}
        addLabel="添加团队成员"
        newRow={() => ({})}
        onChange={setMembers}
        columns={[
          { title: '姓名', key: 'name', width: 140, render: (_, r) => <TextCell path={`team.members.${r.index}.name`} label={`第${r.index + 1}位成员姓名`} value={r.row.name} maxLength={50} disabled={disabled} onChange={(v) => setMembers(setAt(members, r.index, { name: v }))} /> },
          { title: '职称', key: 'title', width: 140, render: (_, r) => <TextCell path={`team.members.${r.index}.title`} label={`第${r.index + 1}位成员职称`} value={r.row.title} maxLength={50} disabled={disabled} onChange={(v) => setMembers(setAt(members, r.index, { title: v }))} /> },
          { title: '分工', key: 'role', render: (_, r) => <TextCell path={`team.members.${r.index}.role`} label={`第${r.index + 1}位成员分工`} value={r.row.role} maxLength={200} disabled={disabled} onChange={(v) => setMembers(setAt(members, r.index, { role: v }))} /> },
          { title: '投入工作时间（%）', key: 'share', width: 150, render: (_, r) => <NumberCell path={`team.members.${r.index}.timeSharePercent`} label={`第${r.index + 1}位成员投入工作时间比例`} suffix="%" min={0} max={100} value={r.row.timeSharePercent} disabled={disabled} onChange={(v) => setMembers(setAt(members, r.index, { timeSharePercent: v }))} /> },
        ]}
      />
    </>
  );
}

export function PartnersTable({ content, setContent, disabled, reasons }: PartProps) {
  const rows = content.partners ?? [];
  const onChange = (next: Partner[]) => setContent((c) => ({ ...c, partners: next }));
  const pct = (key: 'workSharePercent' | 'budgetSharePercent', label: string) => ({
    title: `${label}（%）`,
    key,
    width: 110,
    render: (_: unknown, r: { row: Partner; index: number }) => <NumberCell path={`partners.${r.index}.${key}`} label={`第${r.index + 1}家合作单位${label}`} suffix="%" min={0} max={100} value={r.row[key]} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { [key]: v }))} />,
  });
  return (
    <>
      <ReasonAlerts reasons={reasons} field="partners" />
      <RowsTable<Partner>
        path="partners"
        rows={rows}
        disabled={disabled}
        max={30}
        addLabel="添加合作单位"
        newRow={() => ({ role: 'participant' })}
        onChange={onChange}
        scrollX={1000}
        columns={[
          { title: '单位名称', key: 'name', width: 180, render: (_, r) => <TextCell path={`partners.${r.index}.name`} label={`第${r.index + 1}家合作单位名称`} value={r.row.name} maxLength={100} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { name: v }))} /> },
          {
            title: '统一社会信用代码',
            key: 'creditCode',
            width: 190,
            render: (_, r) => {
              const code = r.row.creditCode ?? '';
              const check = code.length >= 18 ? validateCreditCode(code) : null;
              return (
                <Tooltip title={check && !check.ok ? check.message : undefined}>
                  <Input id={fieldId(`partners.${r.index}.creditCode`)} aria-label={`第${r.index + 1}家合作单位统一社会信用代码`} status={check && !check.ok ? 'error' : undefined} value={code} maxLength={30} disabled={disabled} onChange={(e) => onChange(setAt(rows, r.index, { creditCode: e.target.value.trim().toUpperCase() }))} />
                </Tooltip>
              );
            },
          },
          { title: '单位类型', key: 'type', width: 130, render: (_, r) => <SelectCell path={`partners.${r.index}.type`} label={`第${r.index + 1}家合作单位类型`} value={r.row.type} options={ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { type: v }))} /> },
          { title: '所在地区', key: 'region', width: 150, render: (_, r) => <TextCell path={`partners.${r.index}.region`} label={`第${r.index + 1}家合作单位所在地区`} value={r.row.region} maxLength={100} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { region: v }))} /> },
          { title: '合作角色', key: 'role', width: 110, render: (_, r) => <SelectCell path={`partners.${r.index}.role`} label={`第${r.index + 1}家合作单位角色`} value={r.row.role} options={PARTNER_ROLES.map((t) => ({ value: t, label: PARTNER_ROLE_LABELS[t] }))} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { role: v }))} /> },
          pct('workSharePercent', '承担工作'),
          pct('budgetSharePercent', '经费分配'),
        ]}
      />
    </>
  );
}
