/**
 * Real app processes for tests that need more than `buildApp` (a data-directory lock, several nodes over one
 * database): `main.ts` started as production starts it, on a port the kernel chose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** A port nobody listens on now: the kernel picks it (listen on 0), then it is released for the server. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves when the server says it has started; rejects with its output when it exits first. */
  started: Promise<void>;
  exited: Promise<number | null>;
  url: string;
  output: () => string;
}

/** Starts `main.ts` with the given environment on `port`; every process started is listed in `children`. */
export function startServerProcess(children: ChildProcess[], port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WEB_DIST: '', LOG_LEVEL: 'warn', ...env },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('科创已启动') && resolve());
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, started, exited, url: `http://127.0.0.1:${port}`, output: () => output };
}
