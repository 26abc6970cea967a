import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawAssignment, deriveSeed } from './index.js';
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
