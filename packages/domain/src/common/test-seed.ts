/**
 * Test-only: one fixed seed for a test file's random properties, so a run is reproducible and a failure can
 * be replayed. `KC_TEST_SEED` overrides the default (to explore other inputs or replay a failure); the seed
 * is appended to the message of every failing test of the file.
 */
import fc from 'fast-check';
import { beforeEach } from 'vitest';

/** The seed from `env.KC_TEST_SEED` (a 32-bit integer), else the file's fixed default. */
export function testSeed(fallback: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env.KC_TEST_SEED?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 32) throw new Error(`KC_TEST_SEED must be a 32-bit integer, got "${raw}"`);
  return n | 0;
}

/** Seeds every fast-check property of the calling file and names the seed when one of its tests fails. */
export function seedProperties(fallback: number): number {
  const seed = testSeed(fallback);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(({ task }) => {
      for (const e of task.result?.errors ?? []) e.message = `${e.message}\n随机种子 seed=${seed}（用 KC_TEST_SEED=${seed} 重放）`;
    });
  });
  return seed;
}
