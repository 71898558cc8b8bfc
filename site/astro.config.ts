import node from '@astrojs/node';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import searchIndex from './integrations/search-index.ts';
import { cmsUrl, siteUrl } from './src/lib/env.ts';

const cms = new URL(cmsUrl);
// Astro's content-layer data store and image cache live here, inside the site folder rather than
// node_modules/.astro, so a reinstall neither wipes nor strands them. The loader replaces the data
// on every build in any case. Absolute, because article pages find their bodies in it at render
// time (src/lib/article-bodies.ts), whatever the working folder.
const cacheDir = resolve(fileURLToPath(new URL('.', import.meta.url)), process.env.ASTRO_CACHE_DIR || '.cache/astro');

export default defineConfig({
  site: siteUrl,
  // Every public page is prerendered into dist/client; only the draft preview
  // (src/pages/xem-truoc/) is rendered on request, by dist/server/entry.mjs on a private port.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // The sitemap lists prerendered pages only, so it can never name a draft preview; the search
  // index is read from the built article pages, so it can never hold one either.
  integrations: [sitemap(), searchIndex()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  cacheDir,
  outDir: process.env.SITE_OUT_DIR || './dist',
  image: {
    // Cover images come from the CMS's media library and are optimised at build time.
    remotePatterns: [{ protocol: cms.protocol.replace(':', ''), hostname: cms.hostname, port: cms.port || undefined }],
    layout: 'constrained',
    // The few rules these images need are in src/styles/global.css: Astro's own would be a style
    // element in the head of every page that shows one, which the Content-Security-Policy
    // (shared/src/security-headers.ts) does not allow.
    responsiveStyles: false,
  },
  devToolbar: { enabled: false },
  vite: { define: { __LOA_ARTICLE_BODIES__: JSON.stringify(join(cacheDir, 'article-bodies')) } },
  experimental: {
    // Pages whose cacheKey (see src/lib/data.ts) and code are unchanged since the last build are
    // copied from Astro's cache instead of rendered, so one publish re-renders only the pages
    // that show it. The cache lives in cacheDir, which the builder keeps between builds. The site
    // must build the same without this experimental flag: LOA_INCREMENTAL_BUILD=off turns it off
    // (tests/setup/portal.ts builds both ways and portal.test.ts compares them).
    incrementalBuild: process.env.LOA_INCREMENTAL_BUILD !== 'off',
  },
});
