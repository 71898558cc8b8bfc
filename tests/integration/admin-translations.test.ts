// Officers use the admin in Vietnamese: every string the content manager and the media library
// define in English must have a Vietnamese translation, Strapi's own or ours. A Strapi upgrade
// that adds strings fails here until they are translated.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { rootDir } from '@loa/scripts/lib/paths.ts';

it('covers every content-manager and media-library string in Vietnamese', () => {
  const result = spawnSync(process.execPath, [join(rootDir, 'scripts', 'admin-translations-coverage.ts')], { encoding: 'utf8' });
  expect(result.stderr).not.toMatch(/missing/i);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const contentManager = result.stdout.split('\n').find((line) => line.startsWith('@strapi/content-manager'));
  expect(contentManager?.trim().split(/\s+/).at(-1)).toBe('0');
});
