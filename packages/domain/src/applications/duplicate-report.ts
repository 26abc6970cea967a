/**
 * 查重 report (BL-9): turns the engine's answers (DedupeIndex.query over the whole text and over each text
 * section) into what an officer reads — matches ranked by similarity, copied passages with their spans on both
 * sides, the CNKI-style 文字复制比, and flags above the thresholds below. A match with the same organisation's
 * own earlier text (an earlier version or another of its applications) is labelled 本单位历史申报: a revision,
 * not copying, so it neither counts in the copy ratio nor raises a flag.
 */
import type { DedupeResult } from '../dedupe/index.js';
import { decimalFromNumber, mulDecimal } from '../monitoring/decimal.js';
import { formatPercent } from '../monitoring/display.js';
import type { FormSection } from '../programmes/proposal-template.js';

/**
 * Flag thresholds (settings; change here, every check after uses them).
 * - copyRatio 0.3: CNKI practice for project proposals treats a 文字复制比 from 30 % as needing review.
 * - jaccard 0.5: the engine's near-duplicate floor (its recall is measured ≥ 0.99 from there, README).
 * - sectionContainment 0.8: one section lying 80 % inside another organisation's text is a copied section
 *   even when the whole proposal differs.
 * - passageChars 50: the engine's guaranteed passage length; shorter runs are common phrases.
 */
export const DUPLICATE_THRESHOLDS = Object.freeze({ copyRatio: 0.3, jaccard: 0.5, sectionContainment: 0.8, passageChars: 50 });
export type DuplicateThresholds = typeof DUPLICATE_THRESHOLDS;

/** Kinds of text the archive holds: submitted applications and the external records imported from Excel. */
export const EXTERNAL_SOURCE_TYPES = ['talent', 'higherLevel', 'pastProject'] as const;
export type ExternalSourceType = (typeof EXTERNAL_SOURCE_TYPES)[number];
export const DUPLICATE_SOURCE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  application: '已提交的申报书',
  project: '已立项项目库',
  talent: '人才项目',
  higherLevel: '上级项目',
  pastProject: '往年项目',
});

/**
 * Sources a report lists as not checked, so nobody assumes they were: the project library until it joins the
 * archive, and each external kind of which no record has been imported yet.
 */
export function duplicateSourcesNotChecked(counts: Readonly<Record<string, number>>): { sourceType: string; label: string; reason: string }[] {
  const out = [{ sourceType: 'project', label: DUPLICATE_SOURCE_LABELS.project!, reason: '项目库尚未接入查重档案' }];
  for (const t of EXTERNAL_SOURCE_TYPES) if (!(counts[t] ?? 0)) out.push({ sourceType: t, label: `外部导入记录：${DUPLICATE_SOURCE_LABELS[t]}`, reason: `尚未导入${DUPLICATE_SOURCE_LABELS[t]}记录` });
  return out;
}

export interface ArchivedSection {
  key: string;
  title: string;
  /** UTF-16 range of the section in the archived text. */
  start: number;
  end: number;
}

/** The text a check sends to the index, with where each section lies in it. */
export interface ArchivableText {
  text: string;
  sections: ArchivedSection[];
}

/**
 * The text sections of an application, in the template's order (unknown keys after, sorted), each preceded by
 * its title on its own line so a reader of a span sees where it is; empty sections are left out.
 */
export function archivableText(sections: Record<string, string> | undefined, formSections: readonly FormSection[]): ArchivableText {
  const titles = new Map<string, string>();
  for (const s of formSections) for (const i of s.items) titles.set(i.key, i.title);
  const given = Object.entries(sections ?? {}).filter(([, v]) => v.trim().length > 0);
  const order = [...titles.keys()];
  given.sort(([a], [b]) => {
    const ia = order.indexOf(a), ib = order.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0 !== ib >= 0) return ia >= 0 ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  let text = '';
  const out: ArchivedSection[] = [];
  for (const [key, value] of given) {
    const title = titles.get(key) ?? key;
    if (text) text += '\n\n';
    text += `${title}\n`;
    const start = text.length;
    text += value;
    out.push({ key, title, start, end: text.length });
  }
  return { text, sections: out };
}

export interface ArchivedDoc extends ArchivableText {
  docId: string;
  sourceType: string;
  title: string;
  organisationId: string | null;
  applicationId: string | null;
  version: number | null;
}

export interface SpanSide {
  section: string | null;
  sectionTitle: string | null;
  /** UTF-16 range inside that section's text (or the whole text when section is null). */
  start: number;
  end: number;
  text: string;
}

export interface DuplicatePassage {
  chars: number;
  query: SpanSide;
  source: SpanSide;
}

export type DuplicateRelation = 'ownRevision' | 'other';
export const DUPLICATE_RELATION_LABELS: Readonly<Record<DuplicateRelation, string>> = { ownRevision: '本单位历史申报', other: '其他单位' };

export interface DuplicateMatch {
  docId: string;
  sourceType: string;
  title: string;
  applicationId: string | null;
  version: number | null;
  organisationId: string | null;
  relation: DuplicateRelation;
  relationLabel: string;
  jaccard: number;
  containment: number;
  reverseContainment: number;
  /** Share of the checked text covered by passages from this source. */
  copyRatio: number;
  copiedChars: number;
  flagged: boolean;
  flags: string[];
  sections: { key: string; title: string; jaccard: number; containment: number; copyRatio: number }[];
  passages: DuplicatePassage[];
}

export interface DuplicateReport {
  thresholds: DuplicateThresholds;
  /** 文字复制比 against other organisations' texts (own revisions excluded). */
  copyRatio: number;
  copiedChars: number;
  totalChars: number;
  flagged: boolean;
  flags: string[];
  sections: { key: string; title: string; chars: number; copyRatio: number; flagged: boolean }[];
  matches: DuplicateMatch[];
  /** How many archived texts were compared, in all and per kind (submitted applications, each external kind). */
  sourcesChecked: { archivedTexts: number; bySource: { sourceType: string; label: string; count: number }[] };
  sourcesNotChecked: { sourceType: string; label: string; reason: string }[];
}

export interface DuplicateReportInput {
  organisationId: string;
  query: ArchivableText;
  /** The whole text against every archived text before it, and against other organisations' texts only. */
  whole: DedupeResult;
  wholeOthers: DedupeResult;
  /** Each section's text queried on its own, against other organisations' texts and own texts alike. */
  perSection: { key: string; result: DedupeResult }[];
  archived: ReadonlyMap<string, ArchivedDoc>;
  archivedTexts: number;
  /** Archived texts compared, per source type (absent: all counted as applications). */
  sourceCounts?: Readonly<Record<string, number>>;
  thresholds?: DuplicateThresholds;
}

// Shown through the domain's exact decimals: the engine's ratio read as the decimal it prints as, ×100, half-up.
const pct = (r: number) => formatPercent(mulDecimal(decimalFromNumber(r), '100'), 1);
/** A ratio of a report (0.305) as it is shown everywhere ('30.5%'): the report's own wording and the web page agree. */
export const formatDuplicateRatio = pct;

/** Maps a range of an archived text to the section it lies in (or the whole text when it spans several). */
function sideIn(doc: ArchivableText, start: number, end: number): SpanSide {
  const s = doc.sections.find((x) => start >= x.start && end <= x.end);
  if (!s) return { section: null, sectionTitle: null, start, end, text: doc.text.slice(start, end) };
  return { section: s.key, sectionTitle: s.title, start: start - s.start, end: end - s.start, text: doc.text.slice(start, end) };
}

export function buildDuplicateReport(input: DuplicateReportInput): DuplicateReport {
  const th = input.thresholds ?? DUPLICATE_THRESHOLDS;
  const relationOf = (d: ArchivedDoc | undefined): DuplicateRelation => (d?.organisationId && d.organisationId === input.organisationId ? 'ownRevision' : 'other');
  const byDoc = new Map<string, DuplicateMatch>();
  const matchFor = (docId: string): DuplicateMatch | null => {
    const doc = input.archived.get(docId);
    if (!doc) return null;
    let m = byDoc.get(docId);
    if (!m) {
      const relation = relationOf(doc);
      m = { docId, sourceType: doc.sourceType, title: doc.title, applicationId: doc.applicationId, version: doc.version, organisationId: doc.organisationId, relation, relationLabel: DUPLICATE_RELATION_LABELS[relation], jaccard: 0, containment: 0, reverseContainment: 0, copyRatio: 0, copiedChars: 0, flagged: false, flags: [], sections: [], passages: [] };
      byDoc.set(docId, m);
    }
    return m;
  };
  for (const n of input.whole.nearDuplicates) {
    const m = matchFor(n.docId);
    if (m) Object.assign(m, { jaccard: n.jaccard, containment: n.containment, reverseContainment: n.reverseContainment });
  }
  for (const s of input.whole.sources) {
    const m = matchFor(s.docId);
    if (m) Object.assign(m, { copyRatio: s.copyRatio, copiedChars: s.copiedChars });
  }
  const sectionTitle = new Map(input.query.sections.map((s) => [s.key, s.title]));
  for (const { key, result } of input.perSection) {
    const title = sectionTitle.get(key) ?? key;
    const sectionText = input.query.text.slice(input.query.sections.find((s) => s.key === key)?.start ?? 0, input.query.sections.find((s) => s.key === key)?.end ?? 0);
    const perDoc = new Map<string, { jaccard: number; containment: number; copyRatio: number }>();
    for (const n of result.nearDuplicates) perDoc.set(n.docId, { jaccard: n.jaccard, containment: n.containment, copyRatio: 0 });
    for (const s of result.sources) perDoc.set(s.docId, { jaccard: perDoc.get(s.docId)?.jaccard ?? 0, containment: perDoc.get(s.docId)?.containment ?? 0, copyRatio: s.copyRatio });
    for (const [docId, v] of perDoc) matchFor(docId)?.sections.push({ key, title, ...v });
    for (const p of result.passages) {
      const m = matchFor(p.docId);
      if (!m || p.chars < th.passageChars) continue;
      m.passages.push({ chars: p.chars, query: { section: key, sectionTitle: title, start: p.queryStart, end: p.queryEnd, text: sectionText.slice(p.queryStart, p.queryEnd) }, source: sideIn(input.archived.get(p.docId)!, p.docStart, p.docEnd) });
    }
  }
  const matches = [...byDoc.values()];
  for (const m of matches) {
    if (m.relation !== 'other') continue;
    if (m.jaccard >= th.jaccard) m.flags.push(`与该文本整体相似度 ${pct(m.jaccard)}，达到近似重复阈值 ${pct(th.jaccard)}`);
    if (m.copyRatio >= th.copyRatio) m.flags.push(`来自该文本的复制比 ${pct(m.copyRatio)}，达到阈值 ${pct(th.copyRatio)}`);
    for (const s of m.sections) if (s.containment >= th.sectionContainment) m.flags.push(`「${s.title}」有 ${pct(s.containment)} 见于该文本，达到阈值 ${pct(th.sectionContainment)}`);
    m.flagged = m.flags.length > 0;
  }
  // Copying from others first, then by similarity; own revisions after, for reference.
  matches.sort((a, b) => Number(b.relation === 'other') - Number(a.relation === 'other') || Number(b.flagged) - Number(a.flagged) || Math.max(b.jaccard, b.copyRatio) - Math.max(a.jaccard, a.copyRatio) || (a.docId < b.docId ? -1 : 1));
  const counts = input.sourceCounts ?? { application: input.archivedTexts };
  const flags: string[] = [];
  if (input.wholeOthers.copyRatio >= th.copyRatio) flags.push(`文字复制比 ${pct(input.wholeOthers.copyRatio)}，达到阈值 ${pct(th.copyRatio)}`);
  const flaggedSources = matches.filter((m) => m.flagged).length;
  if (flaggedSources) flags.push(`${flaggedSources} 个其他单位的文本超过查重阈值`);
  const sections = input.query.sections.map((s) => {
    const r = input.perSection.find((p) => p.key === s.key)?.result;
    const others = r ? r.sources.filter((x) => relationOf(input.archived.get(x.docId)) === 'other') : [];
    // Per-section ratio against others: the largest single source (a union would need the spans; the whole-text ratio has it).
    const copyRatio = others.reduce((mx, x) => Math.max(mx, x.copyRatio), 0);
    return { key: s.key, title: s.title, chars: s.end - s.start, copyRatio, flagged: copyRatio >= th.sectionContainment };
  });
  return {
    thresholds: th,
    copyRatio: input.wholeOthers.copyRatio,
    copiedChars: input.wholeOthers.copiedChars,
    totalChars: input.wholeOthers.totalChars,
    flagged: flags.length > 0,
    flags,
    sections,
    matches,
    sourcesChecked: { archivedTexts: input.archivedTexts, bySource: Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sourceType, count]) => ({ sourceType, label: DUPLICATE_SOURCE_LABELS[sourceType] ?? sourceType, count })) },
    sourcesNotChecked: duplicateSourcesNotChecked(counts),
  };
}
