/**
 * Demo site inspection and decision meetings (SEED_DEMO) for a round, through the use cases as the demo officer
 * and leader, so every step has its audit event: the default checklist, every selected application inspected
 * with a photo (the lowest-ranked of four or more fails), then the party-group meeting approving the plan
 * (one amount lowered) and the executive meeting approving all but one, which it defers (暂缓).
 */
import { deflateSync, crc32 } from 'node:zlib';
import { shanghaiDate, type InspectionRecordInput, type MeetingRecord, type Role } from '@kechuang/domain';
import { userByUsername } from '../../modules/accounts/service.js';
import type { Actor } from '../../modules/audit/record.js';
import { uploadInspectionPhoto } from '../../modules/review/inspection-photos.js';
import { finishInspection, readInspection, recordInspection } from '../../modules/review/inspection.js';
import { readMeeting, recordMeeting, signOffMeeting } from '../../modules/review/meetings.js';
import type { Db } from '../client.js';

/** A plain PNG of one colour (w × h): a stand-in for a site photo that any image viewer opens. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

async function actorFor(db: Db, username: string): Promise<{ actor: Actor; roles: Role[] }> {
  const u = await userByUsername(db, username);
  if (!u) throw new Error(`demo user ${username} is missing`);
  return { actor: { id: u.id, name: u.username, role: u.roles.join(','), ip: null }, roles: u.roles };
}

/** Inspects every selected application of a round at 实地核查 and finishes the step (the round moves to 资金方案). */
export async function demoInspection(db: Db, roundId: string, now = new Date()): Promise<void> {
  const { actor } = await actorFor(db, 'officer');
  const overview = await readInspection(db, roundId);
  const today = shanghaiDate(now);
  for (const [i, item] of overview.items.entries()) {
    const fails = overview.items.length >= 4 && i === overview.items.length - 1;
    const input: InspectionRecordInput = {
      inspectedOn: today,
      inspectors: ['周经办', '演示核查员'],
      items: overview.checklist.map((c) => ({
        key: c.key,
        passed: !(fails && (c.key === 'facilities' || c.key === 'foundation')),
        finding: fails && c.key === 'facilities' ? '【演示】现场未见申报材料所列的大型压铸试验设备。' : fails && c.key === 'foundation' ? '【演示】样机与试验记录无法提供。' : '',
      })),
      findings: fails ? '【演示】研发场地为临时租用，尚未投入使用。' : '【演示】现场情况与申报材料基本一致。',
      result: fails ? 'failed' : 'passed',
      basis: fails ? '【演示】研发条件与前期基础两项不符合，不具备项目实施条件。' : '',
    };
    await uploadInspectionPhoto(db, actor, roundId, item.applicationId, async () => ({ filename: `演示现场照片${i + 1}.png`, bytes: solidPng(160, 120, [40 + i * 30, 110, 160]) }), now);
    await recordInspection(db, actor, roundId, item.applicationId, input, now);
  }
  await finishInspection(db, actor, roundId, now);
}

/**
 * Holds both decision meetings of a round at 局党组会议: the party meeting approves its whole agenda (the second
 * item's amount lowered by a tenth, to the 元), the executive meeting approves all but the last item, which it
 * defers; each is signed off by the demo leader, so the round ends at 社会公示.
 */
export async function demoMeetings(db: Db, roundId: string, now = new Date()): Promise<void> {
  const officer = await actorFor(db, 'officer');
  const leader = await actorFor(db, 'leader');
  const today = shanghaiDate(now);
  const year = today.slice(0, 4);

  const party = await readMeeting(db, officer.roles, roundId, 'party');
  const partyRecord: MeetingRecord = {
    heldOn: today,
    minutesNo: `演示局党组〔${year}〕12号`,
    agenda: '【演示】审议本年度关键核心技术攻关项目资金安排方案。',
    minutes: '【演示】会议听取了经办处室关于专家评审、实地核查及资金方案的汇报，经讨论，同意按方案立项，个别项目金额调减。',
    decisions: party.agenda.map((a, i) => ({ applicationId: a.applicationId, decision: 'approve', amountYuan: i === 1 ? a.proposedAmountYuan - Math.floor(a.proposedAmountYuan / 10) : a.proposedAmountYuan, note: i === 1 ? '【演示】自筹资金比例偏低，金额调减一成。' : '' })),
  };
  await recordMeeting(db, officer.actor, officer.roles, roundId, 'party', partyRecord, now);
  await signOffMeeting(db, leader.actor, leader.roles, roundId, 'party', now);

  const executive = await readMeeting(db, officer.roles, roundId, 'executive');
  const last = executive.agenda.length - 1;
  const executiveRecord: MeetingRecord = {
    heldOn: today,
    minutesNo: `演示区政府常务会议纪要〔${year}〕8号`,
    agenda: '【演示】研究区科技局提请的关键核心技术攻关项目立项事项。',
    minutes: '【演示】会议原则同意区科技局提出的立项建议；个别项目待配套条件落实后再议。',
    decisions: executive.agenda.map((a, i) => (i === last && last > 0 ? { applicationId: a.applicationId, decision: 'defer', amountYuan: null, note: '【演示】配套用地尚未落实，暂缓立项，待条件成熟后再议。' } : { applicationId: a.applicationId, decision: 'approve', amountYuan: a.proposedAmountYuan, note: '' })),
  };
  await recordMeeting(db, officer.actor, officer.roles, roundId, 'executive', executiveRecord, now);
  await signOffMeeting(db, leader.actor, leader.roles, roundId, 'executive', now);
}
