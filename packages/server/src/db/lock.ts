/**
 * PGlite takes no lock between processes, and two processes on one data directory silently lose
 * committed rows; so the app holds an exclusive lock file beside the directory.
 */
import fs from 'node:fs';

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>.lock`; returns its release function. A lock left by a dead process is taken over. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: number };
      } catch {
        // unreadable lock file: treat as stale
      }
      if (holder.pid && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个科创进程（PID ${holder.pid}）使用。内嵌数据库不能被两个进程同时打开；` +
            `请先停止那个进程，或用 DATA_DIR 指定另一个目录。`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`无法获取数据目录锁 ${lockPath}`);
}
