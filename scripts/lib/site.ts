// Building the Astro site, shared by `npm start` and the tests.
import { join } from 'node:path';
import { siteDir } from './paths.ts';
import { run } from './process.ts';

const astroBin = join(siteDir, 'node_modules', 'astro', 'bin', 'astro.mjs');

export interface SiteBuildOptions {
  cmsUrl: string;
  cmsToken: string;
  /** Public address of the portal (absolute links in feeds). */
  siteUrl: string;
  outDir: string;
  /** Astro's cache (content-layer store, optimised images); separate per caller. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

export async function buildSite(options: SiteBuildOptions): Promise<void> {
  await run(process.execPath, [astroBin, 'build', '--silent'], {
    cwd: siteDir,
    env: {
      ...process.env,
      ...options.env,
      CMS_URL: options.cmsUrl,
      CMS_TOKEN: options.cmsToken,
      SITE_URL: options.siteUrl,
      SITE_OUT_DIR: options.outDir,
      ...(options.cacheDir ? { ASTRO_CACHE_DIR: options.cacheDir } : {}),
    },
  });
}
