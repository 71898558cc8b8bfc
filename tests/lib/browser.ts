// Debian's Chromium driven by playwright-core. Browser tests may skip only outside CI when no
// Chromium is installed, and then say so loudly; in CI a missing browser is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '@loa/scripts/lib/chromium.ts';

export const browserAvailable = existsSync(chromiumPath);

if (!browserAvailable) {
  if (process.env.CI) throw new Error(`CI must provide Chromium at ${chromiumPath} (.ci/run installs it)`);
  console.warn(
    `\n!!! Chromium not found at ${chromiumPath}: browser tests are SKIPPED on this machine. Run \`apt-get install chromium\` to include them. !!!\n`,
  );
}

/** Playwright gives every launch a fresh, empty profile. `extraArgs`: more command-line flags. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags, ...extraArgs] });
}

/**
 * Everything a page reports going wrong from now on: console errors, uncaught exceptions, and
 * each Content-Security-Policy violation (a listener added before any page script runs).
 */
export async function collectProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
  );
  return problems;
}
