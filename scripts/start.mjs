// `npm start`: builds the web app when it is missing or stale, then runs the server in this process.
import path from 'node:path';
import { buildWebIfStale, root } from './web-build.mjs';

if (process.env.SKIP_WEB_BUILD !== 'true') buildWebIfStale();
const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'packages/server/src/main.ts'));
