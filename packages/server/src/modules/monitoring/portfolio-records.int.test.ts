import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratioPercent, type MonPortfolio } from '@kechuang/domain';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { approvedProjects, type ApprovedProjects } from '../../../test/project-fixtures.js';

let t: TestApp;
let p: ApprovedProjects;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4);
}, 240_000);
afterAll(async () => t?.close());

describe('YJ-2 from the platform’s project records', () => {
  it('YJ-2 counts the year’s approved projects from their lead organisation and partners, beside the reported figure where they differ', async () => {
    // What the records say, read here independently: lead type, and the partners' types in each application.
    const recs = await rawSql(t.db, `select o.type as lead, coalesce((select array_agg(x->>'type') from jsonb_array_elements(a.content->'partners') x), '{}') as partners
      from projects p join organisations o on o.id = p.organisation_id join applications a on a.id = p.application_id where p.budget_year = ${p.year}`);
    const types = recs.map((r) => new Set([String(r.lead), ...(r.partners as string[])]));
    const joint = types.filter((s) => s.has('enterprise') && (s.has('university') || s.has('institute'))).length;
    const enterprise = types.filter((s) => s.has('enterprise')).length;

    const officer = p.officer;
    const reported = ratioPercent(joint > 0 ? joint - 1 : 1, recs.length);
    const added = await officer.post('/api/monitoring/portfolio/reported', { year: p.year, metric: 'jointShare', reported, source: '测试公报' });
    expect(added.statusCode, added.body).toBe(201);
    const res = await officer.get('/api/monitoring/portfolio');
    expect(res.statusCode, res.body).toBe(200);
    const year = (res.json() as MonPortfolio).years.find((y) => y.year === p.year)!;
    expect(year).toMatchObject({ approved: 4, fromProjects: 4, fromImported: 0, joint, jointShare: ratioPercent(joint, 4), enterpriseInvolved: enterprise, enterpriseShare: ratioPercent(enterprise, 4) });
    const shown = year.reported.find((r) => r.metric === 'jointShare')!;
    expect(shown.comparison).toMatchObject({ computed: ratioPercent(joint, 4), differs: true });
    expect(shown.comparison!.text).toContain(`${joint}/4`);
  });

  it('YJ-2 an imported row with a platform project’s number counts once; a revoked project is not counted', async () => {
    const [first] = await rawSql(t.db, `select project_no from projects where budget_year = ${p.year} order by project_no limit 1`);
    await rawSql(t.db, `insert into portfolio_projects (id, year, project_no, title, lead_name, lead_type, participant_types) values
      (gen_random_uuid(), ${p.year}, '${String(first!.project_no)}', '重复导入', '某单位', 'university', '{university}'),
      (gen_random_uuid(), ${p.year}, 'IMPORTED-1', '历史导入', '某企业', 'enterprise', '{enterprise}')`);
    await rawSql(t.db, `update projects set state = 'revoked' where id = '${p.projectIds[3]}'`);
    const year = ((await p.officer.get('/api/monitoring/portfolio')).json() as MonPortfolio).years.find((y) => y.year === p.year)!;
    expect(year).toMatchObject({ approved: 4, fromProjects: 3, fromImported: 1 });
    await rawSql(t.db, `update projects set state = 'approved' where id = '${p.projectIds[3]}'`);
  });
});
