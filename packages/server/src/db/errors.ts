/** Database error recognition shared by every context. */

/** The violated unique constraint's name when `e` is a unique violation (23505), through drizzle's wrapping; else null. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = err.code === '23505' ? err : err.cause?.code === '23505' ? err.cause : null;
  return c ? (c.constraint ?? 'unique') : null;
}
