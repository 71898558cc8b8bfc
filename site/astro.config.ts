import { defineConfig } from 'astro/config';
import { cmsUrl, siteUrl } from './src/lib/env.ts';

const cms = new URL(cmsUrl);

export default defineConfig({
  site: siteUrl,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Astro's content-layer data store and image cache live here, inside the site folder rather
  // than node_modules/.astro, so a reinstall neither wipes nor strands them. The loader replaces
  // the data on every build in any case.
  cacheDir: process.env.ASTRO_CACHE_DIR || './.cache/astro',
  outDir: process.env.SITE_OUT_DIR || './dist',
  image: {
    // Cover images come from the CMS's media library and are optimised at build time.
    remotePatterns: [{ protocol: cms.protocol.replace(':', ''), hostname: cms.hostname, port: cms.port || undefined }],
    layout: 'constrained',
    responsiveStyles: true,
  },
  devToolbar: { enabled: false },
});
