import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../../test/server-process.js';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

function startServer(dataDir: string, port: number) {
  const server = startServerProcess(children, port, { DATABASE_URL: '', DATA_DIR: dataDir });
  server.started.catch(() => {}); // a server expected to refuse never starts; its exit code is what the test reads
  return server;
}

describe('data directory lock (PGlite)', () => {
  it('refuses a lock held by a live process and takes over one left by a dead process', () => {
    const dir = path.join(tmp, 'unit');
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  // The lock guards the embedded database's directory; on PostgreSQL there is no directory to lock.
  it.skipIf(!!process.env.DATABASE_URL)('a second server on the same data directory refuses to start with a clear message; the first closes cleanly on SIGTERM and keeps its data (skipped on PostgreSQL: the lock concerns the embedded database only)', async () => {
    const dataDir = path.join(tmp, 'data');
    const port = await freePort();
    const first = startServer(dataDir, port);
    await first.started;
    const second = startServer(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个科创进程');

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'pglite' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    // Restarted on the same directory: the demo data is still there, not seeded again.
    const againPort = await freePort();
    const again = startServer(dataDir, againPort);
    await again.started;
    expect(again.output()).not.toContain('演示数据已初始化');
    const login = await fetch(`http://127.0.0.1:${againPort}/api/health`);
    expect(login.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // The first start seeds the whole demo (review and execution, PDFs included): minutes on a loaded 2-core machine.
  }, 300_000);
});
