// Astro's incremental build writes every page it renders twice: into outDir, and a copy into its
// cache (cacheDir/dist/), from which a later build restores a page that is missing from its
// outDir. Our builder never needs that: before Astro generates, it copies the served build's
// pages into the new outDir (scripts/lib/site.ts, copied-pages.ts), so Astro finds every
// unchanged page in place. Only when that copy cannot be trusted (a build failed after Astro had
// finished) would the cache copies be read; without them, those pages are rendered again.
//
// The copies cost a cold build of 10,000 articles 14,000 more files and folders: without them it
// took 30.6 s against 32.3 s on tmpfs (medians of six alternating runs), 1.0 s less system time.
//
// Astro has no setting for this, so the one method that writes the copies is replaced. If a newer
// Astro moves it, the build warns and keeps writing them; a test checks that the cache holds
// none (tests/integration/portal.test.ts).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';

interface IncrementalModule {
  IncrementalBuildCache?: { prototype: { writeOutputFile?: unknown } };
}

export default function noPageCopies(): AstroIntegration {
  return {
    name: 'loa-no-page-copies',
    hooks: {
      'astro:config:done': ({ config, logger }) => {
        if (!config.experimental.incrementalBuild) return;
        // Through Node's own loader (require loads ES modules too), so that this is the module
        // instance Astro's build uses: an import() here would go through Vite, which loaded this file.
        const require = createRequire(import.meta.url);
        let incremental: IncrementalModule = {};
        try {
          incremental = require(join(dirname(require.resolve('astro/package.json')), 'dist/core/build/incremental.js')) as IncrementalModule;
        } catch {
          // Handled below.
        }
        const cache = incremental.IncrementalBuildCache?.prototype;
        if (typeof cache?.writeOutputFile !== 'function') {
          logger.warn("Astro's incremental cache has moved: it keeps a second copy of every page again");
          return;
        }
        cache.writeOutputFile = async () => {};
        // Copies an older build left behind would be restored in place of pages rendered since.
        rmSync(new URL('dist/', config.cacheDir), { recursive: true, force: true });
      },
    },
  };
}
