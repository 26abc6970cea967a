import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawAssignment, deriveSeed, verifyDraw } from './index.js';
import { randomInstance } from './test-helpers.js';

function runChild(): Promise<string> {
  const script = fileURLToPath(new URL('./determinism.child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('random draw across processes', () => {
  it('gives byte-identical draw records in two separate Node processes and in this one', async () => {
    const [a, b] = await Promise.all([runChild(), runChild()]);
    const input = randomInstance(7, { apps: 60, experts: 40, k: 3, density: 0.9 });
    const here = drawAssignment(input, { seed: deriveSeed(['determinism', '2026']), cap: { numerator: 2, denominator: 5 } });
    if (!here.feasible) throw new Error('infeasible');
    expect(a).toBe(JSON.stringify(here.record));
    expect(b).toBe(a);
  }, 30_000);
});

describe('a draw is pinned by its algorithm version', () => {
  // A known answer: if a change to the solver or the rounding alters this hash, the draw algorithm has changed and
  // its version (DRAW_ALGORITHM) must be bumped, so old records are reported as another version, never as tampered.
  it('a fixed instance, seed and cap give this exact result hash', () => {
    const input = randomInstance(11, { apps: 40, experts: 30, k: 3, density: 0.9 });
    const r = drawAssignment(input, { seed: deriveSeed(['known answer', '2026-11-23']), cap: { numerator: 1, denominator: 2 } });
    if (!r.feasible) throw new Error('infeasible');
    expect(r.record.algorithm).toBe('kechuang/assignment-draw/v2');
    expect(r.record.resultHash).toBe('fb65260427f91a42de1da5d9326fee7707c1a8ddeb39f4c79eb8731120f4a319');
  });

  it('verifyDraw reports a forged objective and a malformed seed instead of throwing; decimals are not number lists', () => {
    const input = randomInstance(3, { apps: 20, experts: 15, k: 2, density: 0.9 });
    const r = drawAssignment(input, { seed: deriveSeed(['verify']), cap: 0.5 });
    if (!r.feasible) throw new Error('infeasible');
    expect(verifyDraw(r.record, input).ok).toBe(true);
    expect(verifyDraw({ ...r.record, objective: r.record.objective + 1 }, input).problems.join()).toContain('总亲和度');
    expect(verifyDraw({ ...r.record, seed: 'not-a-seed' }, input).problems.join()).toContain('随机种子');
    expect(deriveSeed(['3012.45'])).not.toBe(deriveSeed(['45.3012']));
    expect(deriveSeed(['0.5'])).not.toBe(deriveSeed(['5.0']));
    expect(deriveSeed(['07 3 12'])).toBe(deriveSeed(['3, 7, 12']));
  });
});
