/**
 * Winnowing (Schleimer, Wilkerson & Aiken 2003): from every window of `w` consecutive k-gram hashes
 * select the minimum (the rightmost one on ties). Selection depends only on the window's content, so
 * any text run of length ≥ w + k − 1 contains a whole window and therefore a selected k-gram that lies
 * entirely inside the run. The archive stores only these selected k-grams (≈ 2/(w+1) of positions).
 */

/**
 * Positions selected by winnowing `hashes` with window `w` (ascending, distinct). A text with fewer
 * than w k-grams is one window: its rightmost minimum is selected.
 */
export function winnow(hashes: Uint32Array, w: number): Uint32Array {
  const m = hashes.length;
  if (m === 0) return new Uint32Array(0);
  const out: number[] = [];
  // Monotone deque of positions with strictly increasing hashes from front to back; popping ≥ keeps
  // the rightmost of equal minima.
  const dq = new Int32Array(m);
  let head = 0;
  let tail = 0;
  let last = -1;
  const win = Math.min(w, m);
  for (let i = 0; i < m; i++) {
    const h = hashes[i]!;
    while (tail > head && hashes[dq[tail - 1]!]! >= h) tail--;
    dq[tail++] = i;
    if (dq[head]! <= i - win) head++;
    if (i >= win - 1) {
      const sel = dq[head]!;
      if (sel !== last) {
        out.push(sel);
        last = sel;
      }
    }
  }
  return Uint32Array.from(out);
}
