/** The built web app is served precompressed (brotli, gzip) with caching that fits each file: hashed assets forever, the page never stale. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../test/helpers.js';
import { buildApp } from './app.js';

// A small stand-in for packages/web/dist, laid out the way the Vite build (with its precompress step) leaves it.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-dist-'));
const script = `export const calls = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, title: `申报指南 ${i}` })))};\n`;
const page = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;
function writeWithCompressed(rel: string, text: string) {
  const file = path.join(dist, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}
writeWithCompressed('index.html', page);
writeWithCompressed('assets/index-Ab12Cd34.js', script);
fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let t: TestApp;
let web: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  web = await buildApp({ database: t.database, config: { ...testConfig, webDist: dist } });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, encoding: string) => web.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('static web app', () => {
  it.each([
    ['br, gzip', 'br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['gzip', 'gzip', (b: Buffer) => zlib.gunzipSync(b)],
    ['identity', undefined, (b: Buffer) => b],
  ])('a hashed script for Accept-Encoding %s: encoding %s, cached for a year as immutable', async (accept, encoding, decode) => {
    const res = await get('/assets/index-Ab12Cd34.js', accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(res.rawPayload).toString('utf8')).toBe(script);
    if (encoding) expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 3);
  });

  it('index.html (at / and for every client-side route) is compressed and revalidated on each visit', async () => {
    for (const url of ['/', '/index.html', '/public/calls']) {
      const res = await get(url, 'gzip, deflate, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'), url).toBe(page);
    }
  });

  it('files outside assets/ carry no hash, so they are revalidated too; a missing precompressed file falls back to the plain one', async () => {
    const res = await get('/favicon.svg', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<svg');
  });

  it('the API is not affected by the static caching rules', async () => {
    const res = await get('/api/health', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE);
  });
});
