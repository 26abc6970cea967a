/**
 * The form text every applicant copies from a call (BL-9): section and item titles, the prompts printed under
 * them, guideline item titles and the sentences of their descriptions. Passed to the 查重 normaliser so that text
 * never counts as copying. The archive is one index across all calls (BL-9 checks across programmes), and the
 * normaliser's options travel with the index, so the options are the union over every call, sorted: the same
 * calls always give the same options, and a new call's text changes them (the index is then rebuilt once).
 */
import type { NormaliseOptions } from '../dedupe/index.js';
import { DEFAULT_PROPOSAL_TEMPLATE, type FormSection } from '../programmes/proposal-template.js';

export interface CallTemplateText {
  formSections: readonly FormSection[];
  guidelineItems: readonly { title: string; description: string }[];
}

/**
 * Sentences shorter than this are left out of the phrases: a phrase is removed wherever it occurs, and a short
 * one (「研究内容」) would delete an applicant's own words; titles go in as headings instead, which are removed only
 * with their numbering.
 */
export const MIN_TEMPLATE_SENTENCE_CHARS = 8;

const sentences = (text: string) =>
  text
    .split(/[。！？；;!?\n\r]+/u)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= MIN_TEMPLATE_SENTENCE_CHARS);

/** Normaliser options for the whole archive from the template text of every call (and the NB-11 default form). */
export function duplicateTemplateOptions(calls: readonly CallTemplateText[]): Required<NormaliseOptions> {
  const headings = new Set<string>();
  const phrases = new Set<string>();
  for (const sections of [DEFAULT_PROPOSAL_TEMPLATE, ...calls.map((c) => c.formSections)]) {
    for (const s of sections) {
      headings.add(s.title.trim());
      for (const i of s.items) {
        headings.add(i.title.trim());
        if (i.hint?.trim()) {
          // A whole prompt goes in as it is printed, and its sentences too (applicants often copy only part).
          phrases.add(i.hint.trim());
          for (const x of sentences(i.hint)) phrases.add(x);
        }
      }
    }
  }
  for (const c of calls) {
    for (const g of c.guidelineItems) {
      headings.add(g.title.trim());
      if (g.description.trim()) {
        phrases.add(g.description.trim());
        for (const x of sentences(g.description)) phrases.add(x);
      }
    }
  }
  headings.delete('');
  phrases.delete('');
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { templatePhrases: sorted(phrases), headings: sorted(headings) };
}

/** True when an index was built with exactly these options (else it must be rebuilt before a check). */
export function sameTemplateOptions(a: Required<NormaliseOptions>, b: Readonly<{ templatePhrases: readonly string[]; headings: readonly string[] }>): boolean {
  const eq = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.templatePhrases, b.templatePhrases) && eq(a.headings, b.headings);
}
