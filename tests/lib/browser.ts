// Debian's Chromium driven by playwright-core. Browser tests may skip only outside CI when no
// Chromium is installed, and then say so loudly; in CI a missing browser is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '@loa/scripts/lib/chromium.ts';

export const browserAvailable = existsSync(chromiumPath);

if (!browserAvailable) {
  if (process.env.CI) throw new Error(`CI must provide Chromium at ${chromiumPath} (.ci/run installs it)`);
  console.warn(
    `\n!!! Chromium not found at ${chromiumPath}: browser tests are SKIPPED on this machine. Run \`apt-get install chromium\` to include them. !!!\n`,
  );
}

/** Playwright gives every launch a fresh, empty profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}
