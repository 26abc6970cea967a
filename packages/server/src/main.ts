/** Reads the configuration, opens and migrates the database, seeds once, and serves until a signal. */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { acquireDataDirLock, DataDirLockedError } from './db/lock.js';
import { bootstrapAdministrators } from './db/seed/bootstrap.js';
import { seedDemo } from './db/seed/demo.js';
import { seedPlans } from './db/seed/monitoring.js';
import { seedProgrammes } from './db/seed/programmes.js';
import { seedOfficialCalendar } from './modules/review/working-calendar.js';
import { startJobs, type Jobs, type JobSender } from './jobs/queue.js';
import { serialiseAuditAppends } from './modules/audit/record.js';

async function main(): Promise<void> {
  const config = readConfig();
  serialiseAuditAppends(config.auditSingleChain);
  let release = (): void => {};
  if (!config.databaseUrl) {
    fs.mkdirSync(path.dirname(config.dataDir), { recursive: true });
    try {
      release = acquireDataDirLock(config.dataDir);
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        console.error(`启动失败：${e.message}`);
        process.exit(1);
      }
      throw e;
    }
    process.on('exit', release);
  }

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  await seedProgrammes(database.db);
  await seedPlans(database.db);
  await seedOfficialCalendar(database.db);
  if (config.seedDemo) {
    const seeded = await seedDemo(database.db, new Date(), { applications: true });
    if (seeded.users || seeded.organisations) console.log(`演示数据已初始化：${seeded.organisations} 个单位，${seeded.users} 个账号（密码 Demo@2026）`);
    if (seeded.applications) console.log(`演示申报书已初始化：${seeded.applications} 份（各状态各有，含两例查重命中）`);
  } else {
    for (const a of await bootstrapAdministrators(database.db)) {
      console.log(`已创建 ${a.username}，一次性初始密码：${a.password}（首次登录须修改；此密码不会再次显示）`);
    }
  }

  // Routes send work (查重 after a submission) to the queue, which starts once the app's logger exists; nothing
  // is sent before it does, since the app listens only after.
  let queue: Jobs | null = null;
  const sender: JobSender = {
    send: (name, data, options) => (queue ? queue.send(name, data, options) : Promise.reject(new Error('job queue not started'))),
  };
  const app = await buildApp({ database, config, logger: { level: config.logLevel }, jobs: sender });
  // Scheduled work (audit anchors, closing ended calls) runs from the shared queue, once per cluster.
  const jobs = await startJobs(database, config, { log: app.log });
  queue = jobs;

  await app.listen({ port: config.port, host: config.host });
  console.log(`科创已启动：http://localhost:${config.port}  （数据库：${database.kind === 'pglite' ? `内嵌 PGlite，目录 ${config.dataDir}` : 'PostgreSQL'}）`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在关闭…`);
    try {
      // Jobs first: a running job may still need the database, and no new one should start.
      await jobs.stop().catch((err: unknown) => app.log.error({ err }, 'stopping the job queue failed'));
      await app.close();
      await database.close();
    } finally {
      release();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('启动失败：', err);
  process.exit(1);
});
