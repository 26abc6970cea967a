import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const organisation = {
  name: '宁波测试光电科技有限公司',
  creditCode: '91330206MA2GQ9XJ4C',
  type: 'enterprise',
  region: '浙江省宁波市北仑区',
  industry: 'C',
  address: '',
  contactName: '测试联系人',
  contactPhone: '13800000000',
  contactEmail: '',
};
const user = { username: 'guangdian', password: 'Guang#Dian2026', name: '光电管理员', phone: '', email: '' };

async function count(table: string, where: string) {
  const [r] = await rawSql(t.db, `select count(*)::int as n from ${table} where ${where}`);
  return r!.n as number;
}

describe('self-registration of an applicant organisation', () => {
  it('refuses a credit code with a wrong check character, on the field, and creates nothing', async () => {
    const res = await t.client().post('/api/auth/register', { organisation: { ...organisation, creditCode: '91330206MA2GQ9XJ4L' }, user });
    expect(res.statusCode).toBe(400);
    const p = problem(res);
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors).toContainEqual({ field: 'organisation.creditCode', message: expect.stringContaining('校验位错误') });
    expect(p.detail).toMatch(/^共1处填写有误：校验位错误/);
    expect(await count('organisations', `name = '${organisation.name}'`)).toBe(0);
    expect(await count('users', `username = '${user.username}'`)).toBe(0);
  });

  it('refuses a weak password before creating anything', async () => {
    const res = await t.client().post('/api/auth/register', { organisation, user: { ...user, password: 'password1' } });
    expect(problem(res)).toMatchObject({ code: 'WEAK_PASSWORD', errors: expect.arrayContaining([expect.objectContaining({ field: 'user.password' })]) });
    expect(await count('organisations', `credit_code = '${organisation.creditCode}'`)).toBe(0);
  });

  it('creates the organisation and its first user as unit admin, signed in, with audit events', async () => {
    const c = t.client();
    const res = await c.post('/api/auth/register', { organisation: { ...organisation, creditCode: ' 91330206ma2gq9xj4c ' }, user });
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me.user.roles).toEqual(['unitAdmin', 'applicant']);
    expect(me.user.lastLoginAt).not.toBeNull();
    expect(me.organisation).toMatchObject({ name: organisation.name, creditCode: organisation.creditCode, actions: { update: true, manageMembers: true } });
    expect((await c.get('/api/auth/me')).json().user.username).toBe('guangdian');
    const actions = (await rawSql(t.db, `select action from audit_events where actor_name = 'guangdian' order by occurred_at`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.create', 'auth.register']));
  });

  it('refuses a second registration of the same credit code with 409 and a hint to ask for an invitation', async () => {
    const res = await t.client().post('/api/auth/register', { organisation, user: { ...user, username: 'someoneelse' } });
    expect(res.statusCode).toBe(409);
    const p = problem(res);
    expect(p.code).toBe('ORGANISATION_EXISTS');
    expect(p.detail).toContain('邀请');
    expect(await count('users', `username = 'someoneelse'`)).toBe(0);
  });

  it('refuses a taken username (case-insensitive)', async () => {
    const res = await t.client().post('/api/auth/register', { organisation: { ...organisation, creditCode: '91350100M000100Y43', name: '另一家公司' }, user: { ...user, username: 'GuangDian' } });
    expect(problem(res)).toMatchObject({ code: 'USERNAME_TAKEN', errors: [{ field: 'user.username' }] });
    expect(await count('organisations', `credit_code = '91350100M000100Y43'`)).toBe(0);
  });
});

describe('organisation profile and invitations', () => {
  let admin: TestClient;
  let orgId: string;
  beforeAll(async () => {
    admin = t.client();
    orgId = (await admin.login('unitadmin')).json().organisation.id;
  });

  it('the unit admin edits the profile; the credit code cannot be changed; the change is audited with before/after', async () => {
    const current = (await admin.get('/api/organisations/mine')).json();
    const res = await admin.put(`/api/organisations/${orgId}`, { ...current, contactName: '新联系人', creditCode: '91350100M000100Y43' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contactName: '新联系人', creditCode: current.creditCode });
    const [ev] = await rawSql(t.db, `select changes from audit_events where action = 'organisation.update' and entity_id = '${orgId}'`);
    expect(ev!.changes).toEqual({ contactName: { before: current.contactName, after: '新联系人' } });
  });

  it('an applicant (not unit admin) of the same organisation cannot edit it', async () => {
    const c = t.client();
    await c.login('applicant');
    const current = (await c.get('/api/organisations/mine')).json();
    expect(current.actions.update).toBe(false);
    const res = await c.put(`/api/organisations/${orgId}`, { ...current, contactName: '不该改' });
    expect(res.statusCode).toBe(403);
    expect((await c.get('/api/organisations/mine')).json().contactName).toBe(current.contactName);
  });

  it('another organisation\'s admin cannot read or edit this organisation, its members or invitations', async () => {
    const other = t.client();
    await other.login('guangdian', user.password);
    expect((await other.get(`/api/organisations/${orgId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/organisations/${orgId}/members`)).statusCode).toBe(404);
    expect((await other.get(`/api/organisations/${orgId}/invitations`)).statusCode).toBe(404);
    expect((await other.post(`/api/organisations/${orgId}/invitations`, { name: '卧底', email: '', role: 'unitAdmin' })).statusCode).toBe(404);
    expect(await count('invitations', `name = '卧底'`)).toBe(0);
  });

  it('invites a colleague who joins with the link, once; the link cannot be reused', async () => {
    const inv = await admin.post(`/api/organisations/${orgId}/invitations`, { name: '钱同事', email: 'qian@example.com', role: 'applicant' });
    expect(inv.statusCode).toBe(201);
    const { link, invitation } = inv.json();
    expect(invitation.status).toBe('pending');
    const token = link.replace('/invite/', '');
    const tokenHashStored = await count('invitations', `token_hash = '${token}'`);
    expect(tokenHashStored).toBe(0); // only the hash is stored

    const guest = t.client();
    const info = await guest.get(`/api/invitations/${token}`);
    expect(info.json()).toMatchObject({ organisationName: '宁波甬创智能装备有限公司', name: '钱同事', role: 'applicant' });
    const accepted = await guest.post(`/api/invitations/${token}/accept`, { username: 'qian', password: 'Colleague#2026', name: '钱同事', phone: '', email: '' });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ user: { username: 'qian', roles: ['applicant'] }, organisation: { id: orgId } });

    const again = await t.client().post(`/api/invitations/${token}/accept`, { username: 'qian2', password: 'Colleague#2026', name: '钱', phone: '', email: '' });
    expect(again.statusCode).toBe(410);
    expect(problem(again).code).toBe('INVITATION_USED');
    expect(await count('users', `username = 'qian2'`)).toBe(0);

    const members = (await admin.get(`/api/organisations/${orgId}/members`)).json().items.map((m: { username: string }) => m.username);
    expect(members).toEqual(expect.arrayContaining(['applicant', 'unitadmin', 'qian']));
    const list = (await admin.get(`/api/organisations/${orgId}/invitations`)).json().items;
    expect(list.find((i: { name: string }) => i.name === '钱同事').status).toBe('accepted');
  });

  it('a revoked or expired invitation cannot be accepted', async () => {
    const a = (await admin.post(`/api/organisations/${orgId}/invitations`, { name: '孙', email: '', role: 'applicant' })).json();
    expect((await admin.post(`/api/organisations/${orgId}/invitations/${a.invitation.id}/revoke`)).json().invitation.status).toBe('revoked');
    const tokenA = a.link.replace('/invite/', '');
    expect(problem(await t.client().post(`/api/invitations/${tokenA}/accept`, { username: 'sun', password: 'Colleague#2027', name: '孙', phone: '', email: '' })).code).toBe('INVITATION_REVOKED');

    const b = (await admin.post(`/api/organisations/${orgId}/invitations`, { name: '李', email: '', role: 'applicant' })).json();
    await rawSql(t.db, `update invitations set expires_at = now() - interval '1 second' where id = '${b.invitation.id}'`);
    const tokenB = b.link.replace('/invite/', '');
    expect(problem(await t.client().get(`/api/invitations/${tokenB}`)).code).toBe('INVITATION_EXPIRED');
    expect(await count('users', `username in ('sun','li')`)).toBe(0);
  });
});
