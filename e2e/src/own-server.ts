/**
 * A server of a spec's own, for journeys that restart it mid-edit: the same command as global-setup (built web app
 * + API, demo data) on its own port and embedded database directory, which survives the restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface OwnServer {
  baseURL: string;
  /** The embedded database directory: a spec may open it while the server is stopped to set up a later step. */
  dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * `prepare` runs once before the first start with the server's data directory and environment (DATA_DIR …), to
 * lay down a spec's fixtures through the use cases.
 */
export async function ownServer(opts: { prepare?: (dataDir: string, env: NodeJS.ProcessEnv) => Promise<void> } = {}): Promise<OwnServer> {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-own-'));
  // Embedded PGlite in a directory of its own, so a restart finds what was saved before it.
  const { DATABASE_URL: _shared, ...base } = process.env;
  const env: NodeJS.ProcessEnv = { ...base, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn', SEED_DEMO: 'true', TRUST_PROXY: 'true' };
  let child: ChildProcess | null = null;

  const start = async () => {
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/main.ts')], { cwd: root, env });
    child = c;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 150 s:\n${output}`)), 150_000);
      const onData = (d: Buffer) => {
        output += String(d);
        if (output.includes('科创已启动')) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', (d: Buffer) => (output += String(d)));
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited ${code}:\n${output}`));
      });
    });
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    child = null;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await opts.prepare?.(env.DATA_DIR!, env);
  await start();
  return {
    baseURL: `http://127.0.0.1:${port}`,
    dataDir: env.DATA_DIR!,
    start,
    stop,
    dispose: async () => {
      await stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
