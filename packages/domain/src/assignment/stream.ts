/**
 * A ChaCha20 keystream (RFC 8439, @noble/ciphers — audited, runs in the browser) used as the only
 * source of randomness in draws: the key is the 32-byte seed, the 12-byte nonce names the purpose, so
 * the same seed gives the same bits on every machine and independent bits for independent purposes.
 */
import { chacha20 } from '@noble/ciphers/chacha.js';

const CHUNK = 4096;
const ZEROS = new Uint8Array(CHUNK);

export class ChaChaStream {
  private readonly key: Uint8Array;
  private readonly nonce: Uint8Array;
  private buf = new Uint8Array(CHUNK);
  private pos = CHUNK;
  private counter = 0;
  private bitBuf = 0;
  private bitsLeft = 0;

  constructor(key: Uint8Array, nonce: Uint8Array) {
    if (key.length !== 32) throw new Error('ChaCha20 key must be 32 bytes');
    if (nonce.length !== 12) throw new Error('ChaCha20 nonce must be 12 bytes');
    this.key = key;
    this.nonce = nonce;
  }

  private refill(): void {
    this.buf = chacha20(this.key, this.nonce, ZEROS, new Uint8Array(CHUNK), this.counter);
    this.counter += CHUNK / 64;
    this.pos = 0;
  }

  byte(): number {
    if (this.pos === CHUNK) this.refill();
    return this.buf[this.pos++]!;
  }

  /** One bit, least significant bit of each byte first. */
  bit(): number {
    if (this.bitsLeft === 0) {
      this.bitBuf = this.byte();
      this.bitsLeft = 8;
    }
    const b = this.bitBuf & 1;
    this.bitBuf >>>= 1;
    this.bitsLeft--;
    return b;
  }

  uint32(): number {
    return (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, by rejection (no modulo bias). */
  below(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 32)) throw new Error('below: n out of range');
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const r = this.uint32();
      if (r < limit) return r % n;
    }
  }
}

/** 12-byte nonce: 4 ASCII tag bytes then a 64-bit little-endian index. */
export function nonceFor(tag: string, index = 0): Uint8Array {
  const out = new Uint8Array(12);
  for (let i = 0; i < 4; i++) out[i] = tag.charCodeAt(i) & 0xff;
  let x = index;
  for (let i = 4; i < 12; i++) {
    out[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return out;
}
