/**
 * The per-document blob of the 查重 index: the Rice-coded shingle set, then the normalised-to-original offset map
 * (only where offsets jump), plus the little-endian array helpers the serialised index uses.
 */
import { ByteReader, decodeRice, riceCount, type ByteWriter } from './codec.js';
import type { NormalisedText } from './normalise.js';

/**
 * Checks one document's blob against its normalised length: a sketch exactly when the set can be
 * non-empty, a Rice set of strictly increasing 32-bit values whose size fits the text (≥ 1 and
 * ≤ normLen − shingleSize + 1, or 0 for a shorter text), then an offset map with increasing
 * positions inside the text, ending exactly at the blob's end. Returns the set size, or −1.
 */
export function validateBlob(blob: Uint8Array, normLen: number, sn: number, sketchLen: number, scratch: Uint32Array): number {
  const maxSet = Math.max(0, normLen - sn + 1);
  const setOff = normLen >= sn ? sketchLen : 0;
  if (setOff > blob.length) return -1;
  const n = riceCount(blob, setOff).n;
  if (n > maxSet || (maxSet > 0) !== (n > 0) || n > scratch.length) return -1;
  const { next } = decodeRice(blob, setOff, scratch);
  if (next > blob.length) return -1;
  const r = new ByteReader(blob, next);
  for (let pass = 0; pass < 2; pass++) {
    let prev = -1;
    for (let j = r.varint(); j > 0; j--) {
      const pos = prev + r.varint() + (prev < 0 ? 1 : 0);
      if (pos <= prev || pos >= normLen) return -1;
      prev = pos;
      if (pass === 0) r.zigzag();
      else r.varint();
    }
  }
  return r.pos === blob.length ? n : -1;
}

/**
 * Offset map: origStart[i] = i + shift, with `shift` changing only at listed positions (zig-zag
 * varints, delta-coded positions); origEnd[i] = origStart[i] + 1 except at listed positions (surrogate
 * pairs, folded sequences). A Chinese text typically needs a few dozen bytes.
 */
export function encodeOffsets(w: ByteWriter, norm: NormalisedText): void {
  const { origStart, origEnd } = norm;
  const n = origStart.length;
  const starts: number[] = [];
  let shift = 0;
  for (let i = 0; i < n; i++) {
    const s = origStart[i]! - i;
    if (s !== shift) {
      starts.push(i, s);
      shift = s;
    }
  }
  w.varint(starts.length / 2);
  let prev = 0;
  for (let j = 0; j < starts.length; j += 2) {
    w.varint(starts[j]! - prev);
    prev = starts[j]!;
    w.zigzag(starts[j + 1]!);
  }
  const ends: number[] = [];
  for (let i = 0; i < n; i++) if (origEnd[i]! !== origStart[i]! + 1) ends.push(i, origEnd[i]! - origStart[i]! - 1);
  w.varint(ends.length / 2);
  prev = 0;
  for (let j = 0; j < ends.length; j += 2) {
    w.varint(ends[j]! - prev);
    prev = ends[j]!;
    w.varint(ends[j + 1]!);
  }
}

export function decodeOffsets(buf: Uint8Array, pos: number): { start: (i: number) => number; end: (i: number) => number } {
  const r = new ByteReader(buf, pos);
  const sPos: number[] = [];
  const sVal: number[] = [];
  let prev = 0;
  for (let j = r.varint(); j > 0; j--) {
    prev += r.varint();
    sPos.push(prev);
    sVal.push(r.zigzag());
  }
  const extra = new Map<number, number>();
  prev = 0;
  for (let j = r.varint(); j > 0; j--) {
    prev += r.varint();
    extra.set(prev, r.varint());
  }
  const start = (i: number): number => {
    let shift = 0;
    for (let j = 0; j < sPos.length && sPos[j]! <= i; j++) shift = sVal[j]!;
    return i + shift;
  };
  return { start, end: (i: number) => start(i) + 1 + (extra.get(i) ?? 0) };
}

export function skipOffsets(buf: Uint8Array, pos: number): number {
  const r = new ByteReader(buf, pos);
  for (let j = r.varint(); j > 0; j--) {
    r.varint();
    r.varint();
  }
  for (let j = r.varint(); j > 0; j--) {
    r.varint();
    r.varint();
  }
  return r.pos;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Serialised words are little-endian on every platform.
export function writeU32s(w: ByteWriter, a: Uint32Array): void {
  if (LITTLE_ENDIAN) w.u32s(a);
  else for (let i = 0; i < a.length; i++) w.u32(a[i]!);
}

export function writeU16s(w: ByteWriter, a: Uint16Array): void {
  if (LITTLE_ENDIAN) w.u16s(a);
  else
    for (let i = 0; i < a.length; i++) {
      w.u8(a[i]! & 0xff);
      w.u8(a[i]! >>> 8);
    }
}

export function readU32s(r: ByteReader, n: number): Uint32Array {
  if (LITTLE_ENDIAN) return r.u32s(n);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = r.u32();
  return out;
}

export function readU16s(r: ByteReader, n: number): Uint16Array {
  if (LITTLE_ENDIAN) return r.u16s(n);
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = r.u8() | (r.u8() << 8);
  return out;
}
