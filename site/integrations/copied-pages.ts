// The builder may copy the served build's pages into the output folder while Astro starts, syncs
// content and bundles (scripts/lib/site.ts), so that incremental builds find unchanged pages in
// place. Pages must not be generated before that copy is complete, or an old copy could land on
// top of a page this build just wrote: this holds generation until the builder's marker file
// says "ok", and fails the build on anything else.
import { readFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

const POLL_MS = 25;
const TIMEOUT_MS = 5 * 60 * 1000;

async function waitForMarker(file: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    let marker: string | null = null;
    try {
      marker = readFileSync(file, 'utf8');
    } catch {
      // Not written yet.
    }
    if (marker === 'ok') return;
    if (marker !== null) throw new Error(`Copying the previous build's pages failed: ${marker}`);
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`No word from the page copy after ${TIMEOUT_MS / 1000} s (${file})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export default function copiedPages(): AstroIntegration {
  return {
    name: 'loa-copied-pages',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        const marker = process.env.LOA_PAGES_COPIED;
        if (!marker) return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'loa-await-copied-pages',
                // Vite runs "post" buildApp hooks after bundling every environment; as a normal
                // plugin this one runs before Astro's own (enforce: 'post'), which generates pages.
                buildApp: { order: 'post', handler: () => waitForMarker(marker) },
              },
            ],
            // Astro empties its outDir before building unless told not to.
            build: { emptyOutDir: false },
          },
        });
      },
    },
  };
}
