// Where the Debian Chromium used by the browser tests lives (never downloaded by a test tool).
import fs from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}
