/** Role labels as tags, in the order of the role table, each role always in the same colour. */
import { ROLE_LABELS, ROLES, type Role } from '@kechuang/domain';
import { Tag } from 'antd';

const ROLE_COLOURS: Record<Role, string> = {
  applicant: 'blue',
  unitAdmin: 'geekblue',
  recommender: 'orange',
  expert: 'purple',
  officer: 'cyan',
  leader: 'gold',
  department: 'lime',
  observer: 'volcano',
  sysadmin: 'volcano',
  secadmin: 'red',
  auditor: 'magenta',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const sorted = ROLES.filter((r) => roles.includes(r));
  return (
    <>
      {sorted.map((r) => (
        <Tag key={r} color={ROLE_COLOURS[r]} style={{ marginInlineEnd: 4 }}>
          {ROLE_LABELS[r]}
        </Tag>
      ))}
    </>
  );
}
