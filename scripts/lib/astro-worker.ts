// A Node process that has already loaded Astro and waits for the word to build. Starting Node and
// loading Astro, Vite and the site's integrations took about half a second of every publish; the
// builder starts the next one of these while the site is idle (scripts/lib/site.ts, warmAstro).
// It builds once and exits: each build still gets a fresh process, so nothing carries over
// between builds but the loaded code.
//
// Protocol (IPC): the worker sends { ready: true } once loaded; the parent sends
// { env, logLevel }; the worker builds and exits 0, or prints the error, sends { error } and exits 1.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { siteDir } from './paths.ts';

interface Order {
  env: Record<string, string>;
  logLevel: 'info' | 'silent';
}

/** A package by its name, as the site resolves it: the package's own exports map picks the file. */
const fromSite = createRequire(join(siteDir, 'package.json'));
const load = (name: string) => import(pathToFileURL(fromSite.resolve(name)).href);

// Astro's public build API and the integrations astro.config.ts imports (Vite comes with Astro).
const [{ build }] = await Promise.all([load('astro'), load('@astrojs/node'), load('@astrojs/sitemap')]);

process.once('message', async (order: Order) => {
  Object.assign(process.env, order.env);
  process.chdir(siteDir);
  try {
    await build({ root: siteDir, logLevel: order.logLevel });
    process.exit(0);
  } catch (error) {
    // Astro's messages carry Markdown emphasis, which its CLI renders; plain text for the log.
    console.error(String((error as Error).stack ?? error).replace(/\*\*/g, ''));
    // The message, for the builder's record of why the portal is not up to date.
    process.send!({ error: String((error as Error).message ?? error).replace(/\*\*/g, '') }, () => process.exit(1));
  }
});
process.once('disconnect', () => process.exit(0));
// A parent that is gone by now needs no build.
process.send!({ ready: true }, (error: Error | null) => error && process.exit(0));
