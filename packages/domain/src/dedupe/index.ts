/**
 * 查重 engine (BL-9): near-duplicate and copied-passage detection over an archive of project texts.
 * See README.md for the guarantees, parameters and measured figures.
 */
export { DedupeIndex, DEFAULT_PARAMS, type DedupeParams, type DedupeResult, type NearDuplicate, type PassageMatch, type QueryOptions, type SourceCopy } from './engine.js';
export { createNormaliser, normalise, normalisedString, toOriginal, PUNCT_MARK, type NormalisedText, type NormaliseOptions, type Normaliser } from './normalise.js';
export { fmix32, kgramHashes, shingleHashes } from './hash.js';
export { winnow } from './winnow.js';
