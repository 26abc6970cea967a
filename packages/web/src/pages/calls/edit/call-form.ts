/**
 * The call form's values across its steps, and the conversions to the API's CallInput and to the public
 * view used by the 预览 step. Times are kept as Shanghai wall-clock text ('YYYY-MM-DD HH:mm:ss'), amounts
 * as typed 万元 text; both are converted only when the draft is sent.
 */
import {
  DEFAULT_PROPOSAL_TEMPLATE,
  ruleSetInForce,
  withFormKeys,
  type AttachmentKind,
  type FormSectionDraft,
  type RuleSetVersion,
  type SelectionMode,
} from '@kechuang/domain';
import { toNamePath } from '../../../api/form-errors';
import type { Call, CallEligibility, ProgrammeDetail, ProgrammeVersion } from '../../../api/programmes';
import { phaseAt } from '../../../components/call/CallTags';
import type { CallViewData } from '../../../components/call/CallView';
import { dayjs, formatDateTime, toShanghaiIso } from '../../../lib/time';
import { wanValueToYuan, yuanToWanValue } from '../../../lib/wan';

export interface ItemDraft {
  code: string;
  title: string;
  description?: string;
  fieldCode?: string | null;
  /** 揭榜金额 in 万元 as typed. */
  bounty?: string;
}

export interface CallDraft {
  programmeCode?: string;
  title?: string;
  description?: string;
  selectionMode?: SelectionMode;
  opensAt?: string;
  closesAt?: string;
  categoryCodes: string[];
  fieldCodes: string[];
  guidelineItems: ItemDraft[];
  /** Keys are generated for new sections and items when sent (withFormKeys); officers type titles only. */
  formSections: FormSectionDraft[];
  requiredAttachments: AttachmentKind[];
  eligibility: CallEligibility;
}

/** The steps in order; a server error's top-level field tells which step shows it. */
export const STEP_FIELDS: readonly (readonly string[])[] = [
  ['programmeCode', 'title', 'description', 'selectionMode', 'opensAt', 'closesAt', 'versionId'],
  ['categoryCodes', 'fieldCodes'],
  ['guidelineItems'],
  ['formSections', 'requiredAttachments', 'eligibility'],
];

export function stepOfField(field: string): number {
  const top = field.split(/[.[]/)[0] ?? '';
  const i = STEP_FIELDS.findIndex((names) => names.includes(top));
  return i < 0 ? 0 : i;
}

/** A list's error belongs to the list's own field (the checkbox group), not to one of its entries. */
const LIST_FIELDS = ['categoryCodes', 'fieldCodes', 'requiredAttachments'];

/**
 * Where a server error shows in the form: the bounty is typed in 万元 under another name, and an error on a
 * whole list entry (a duplicate) goes to the entry's identifying field.
 */
export function formNamePath(field: string): (string | number)[] {
  const top = field.split(/[.[]/)[0] ?? '';
  if (LIST_FIELDS.includes(top)) return [top];
  const entry = /^(guidelineItems|formSections)\.(\d+)$/.exec(field);
  if (entry) return [entry[1]!, Number(entry[2]), entry[1] === 'guidelineItems' ? 'code' : 'title'];
  // Keys are generated, so an error about one shows on the title the officer typed.
  const key = /^(formSections\.\d+(?:\.items\.\d+)?)\.key$/.exec(field);
  if (key) return toNamePath(`${key[1]!}.title`);
  return toNamePath(field.replace(/\.bountyYuan$/, '.bounty'));
}

export function emptyDraft(programmeCode?: string): CallDraft {
  return {
    programmeCode,
    selectionMode: 'competitive',
    categoryCodes: [],
    fieldCodes: [],
    guidelineItems: [],
    formSections: structuredClone([...DEFAULT_PROPOSAL_TEMPLATE]),
    requiredAttachments: ['proposal', 'businessLicence', 'financialStatements', 'integrityCommitment'],
    eligibility: {},
  };
}

export function draftFromCall(call: Call): CallDraft {
  return {
    programmeCode: call.programme.code,
    title: call.title,
    description: call.description,
    selectionMode: call.selectionMode,
    opensAt: formatDateTime(call.opensAt),
    closesAt: formatDateTime(call.closesAt),
    categoryCodes: call.categories.map((c) => c.code),
    fieldCodes: call.fields.map((f) => f.code),
    guidelineItems: call.guidelineItems.map((g) => ({ code: g.code, title: g.title, description: g.description, fieldCode: g.fieldCode, bounty: yuanToWanValue(g.bountyYuan) })),
    formSections: call.formSections,
    requiredAttachments: call.requiredAttachments,
    eligibility: call.eligibility ?? {},
  };
}

/** A picker's value (Dayjs) or text → the wall-clock text the draft keeps. */
export function wallClock(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD HH:mm:ss') : String(value);
}

/** The programme version in force when the call opens: the one the server will attach (BL-1). */
export function versionAt(programme: ProgrammeDetail | undefined, opensAt: string | undefined): ProgrammeVersion | null {
  const at = toShanghaiIso(opensAt);
  if (!programme || !at) return null;
  const versions: RuleSetVersion[] = programme.versions.map((v) => ({ ...v, programmeCode: programme.code }));
  const chosen = ruleSetInForce({ versions }, at);
  return chosen ? (programme.versions.find((v) => v.version === chosen.version) ?? null) : null;
}

/** Drops empty optional members so the API's schema sees only what was set. */
function cleanEligibility(e: CallEligibility): CallEligibility {
  const out: CallEligibility = {};
  if (e.localOnly) out.localOnly = true;
  if (e.leadOrganisationTypes?.length) out.leadOrganisationTypes = e.leadOrganisationTypes;
  if (e.requireAcademicPartner) out.requireAcademicPartner = true;
  if (e.maxDurationMonths) out.maxDurationMonths = e.maxDurationMonths;
  if (e.note?.trim()) out.note = e.note.trim();
  return out;
}

/** The body of POST/PUT /api/calls. The version is left to the server: the one in force at opensAt. */
export function toCallInput(d: CallDraft) {
  const challenge = d.selectionMode === 'openChallenge';
  return {
    title: d.title?.trim() ?? '',
    description: d.description?.trim() ?? '',
    programmeCode: d.programmeCode ?? '',
    versionId: null,
    categoryCodes: d.categoryCodes,
    fieldCodes: d.fieldCodes,
    guidelineItems: d.guidelineItems.map((g) => ({
      code: g.code.trim(),
      title: g.title.trim(),
      description: g.description?.trim() ?? '',
      fieldCode: g.fieldCode || null,
      // Only 揭榜挂帅 items carry a bounty; one typed before the mode changed is not sent.
      bountyYuan: challenge ? (wanValueToYuan(g.bounty) ?? null) : null,
    })),
    opensAt: toShanghaiIso(d.opensAt) ?? '',
    closesAt: toShanghaiIso(d.closesAt) ?? '',
    selectionMode: d.selectionMode ?? 'competitive',
    formSections: withFormKeys(d.formSections),
    requiredAttachments: d.requiredAttachments,
    eligibility: cleanEligibility(d.eligibility),
  };
}

/** The draft as the public page will render it once published. */
export function previewOf(d: CallDraft, programme: ProgrammeDetail, version: ProgrammeVersion): CallViewData {
  const input = toCallInput(d);
  const opensAt = input.opensAt || new Date().toISOString();
  const closesAt = input.closesAt || opensAt;
  return {
    title: input.title,
    description: input.description,
    phase: phaseAt(opensAt, closesAt),
    programme: { code: programme.code, name: programme.name, issuer: programme.issuer },
    version: { id: version.id, version: version.version, documentNo: version.documentNo, effectiveFrom: version.effectiveFrom },
    selectionMode: input.selectionMode,
    categories: version.parameters.categories.filter((c) => input.categoryCodes.includes(c.code)),
    fields: version.parameters.fields.filter((f) => input.fieldCodes.includes(f.code)),
    guidelineItems: input.guidelineItems.map((g) => ({ ...g, bountyYuan: g.bountyYuan })),
    opensAt,
    closesAt,
    formSections: input.formSections,
    requiredAttachments: input.requiredAttachments,
    eligibility: input.eligibility,
  };
}
