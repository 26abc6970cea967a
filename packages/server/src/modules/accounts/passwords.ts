/** Password hashing (argon2id) and the policy checks that need stored history. */
import { randomInt, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { desc, eq } from 'drizzle-orm';
import { passwordProblems, type SecurityPolicy } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { accountProblem } from './errors.js';
import { passwordHistory } from './schema.js';

// Argon2id (algorithm 2; the package's const enum is not importable under verbatimModuleSyntax), OWASP parameters.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real check so response time does not reveal whether a username exists. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(`kechuang-dummy-${randomUUID()}`);
  await verifyPassword(await dummyHash, password);
}

/** Throws WEAK_PASSWORD with field errors when the password breaks the policy. */
export function assertPasswordStrong(password: string, policy: SecurityPolicy, username: string, field: string): void {
  const problems = passwordProblems(password, policy, { username });
  if (problems.length) {
    throw accountProblem('WEAK_PASSWORD', problems.join('；'), problems.map((message) => ({ field, message })));
  }
}

/** Throws PASSWORD_REUSED when the password matches one of the last `historyCount` passwords. */
export async function assertPasswordNotReused(tx: Tx, userId: string, password: string, policy: SecurityPolicy, field: string): Promise<void> {
  if (policy.historyCount === 0) return;
  const recent = await tx
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(policy.historyCount);
  for (const r of recent) {
    if (await verifyPassword(r.hash, password)) {
      const message = `不能与最近${policy.historyCount}次使用过的密码相同`;
      throw accountProblem('PASSWORD_REUSED', message, [{ field, message }]);
    }
  }
}

export async function rememberPassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.insert(passwordHistory).values({ id: randomUUID(), userId, passwordHash, createdAt: new Date() });
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=!?';

/** A random temporary password with every character class and no look-alike characters. */
export function temporaryPassword(length = 14): string {
  const pick = (s: string) => s[randomInt(s.length)]!;
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
