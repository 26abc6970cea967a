/**
 * The content hash printed on every page of a receipt: SHA-256 of the RFC 8785 canonical JSON of the frozen
 * submitted content, so the same content always gives the same hash whatever the key order in storage.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

// The package is CommonJS (`module.exports = fn`) while its types declare a default export, which NodeNext
// resolves to the module object: require it to get the function both at run time and in the types.
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new TypeError('content cannot be written as canonical JSON');
  return s;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
