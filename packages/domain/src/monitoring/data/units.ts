/**
 * Responsible units (责任单位): every unit named in the 责任单位 lists of seed 004 (宁波市“315”科技创新体系工程建设
 * 实施方案), in order of first appearance, with the names exactly as the document writes them (〔〕 brackets
 * included), plus the Yinzhou district S&T bureau, which the seed 001 plans report through.
 * Codes are stable: data and reports refer to units by code, never by name.
 */
import type { ResponsibleUnitDef } from '../types.js';
import { deepFreeze } from './freeze.js';

export const RESPONSIBLE_UNITS: readonly ResponsibleUnitDef[] = deepFreeze([
  { code: 'nb-kjj', name: '市科技局', kind: 'department' },
  { code: 'nb-fgw', name: '市发改委', kind: 'department' },
  { code: 'nb-jxj', name: '市经信局', kind: 'department' },
  // “有关区〔县、市〕政府” stands for the district/county governments concerned; the document lists it as one unit.
  { code: 'nb-qxs-gov', name: '有关区〔县、市〕政府', kind: 'government' },
  { code: 'nb-yjkcq-office', name: '市甬江科创区建设领导小组办公室', kind: 'group' },
  { code: 'nb-swj', name: '市商务局', kind: 'department' },
  { code: 'nb-yj-lab', name: '甬江实验室', kind: 'institution' },
  { code: 'nb-zzb', name: '市委组织部〔市委人才办〕', kind: 'department' },
  { code: 'nb-wjw', name: '市卫生健康委', kind: 'department' },
  { code: 'nb-jyj', name: '市教育局', kind: 'department' },
  { code: 'nb-czj', name: '市财政局', kind: 'department' },
  { code: 'nb-fwyj', name: '市服务业局', kind: 'department' },
  { code: 'nb-szjjj', name: '市数字经济局', kind: 'department' },
  { code: 'nb-tzcjs', name: '市投资促进署', kind: 'department' },
  { code: 'nb-rsj', name: '市人力社保局', kind: 'department' },
  { code: 'nb-gzw', name: '市国资委', kind: 'department' },
  { code: 'nb-scjgj', name: '市市场监管局', kind: 'department' },
  { code: 'nb-gaj', name: '市公安局', kind: 'department' },
  { code: 'nb-sfj', name: '市司法局', kind: 'department' },
  { code: 'nb-zgh', name: '市总工会', kind: 'group' },
  { code: 'nb-ggb', name: '市委改革办', kind: 'department' },
  { code: 'nb-kx', name: '市科协', kind: 'group' },
  { code: 'nb-wglyj', name: '市文广旅游局', kind: 'department' },
  // Seed 001 names no responsible units; its plans are monitored by the district S&T bureau.
  { code: 'yz-kjj', name: '鄞州区科技局', kind: 'department' },
] satisfies ResponsibleUnitDef[]);

const BY_CODE = new Map(RESPONSIBLE_UNITS.map((u) => [u.code, u]));

/** The unit with this code, or undefined. */
export function responsibleUnit(code: string): ResponsibleUnitDef | undefined {
  return BY_CODE.get(code);
}

/** Unit name for display; the code itself when unknown (a unit added later by the bureau). */
export function responsibleUnitName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}
