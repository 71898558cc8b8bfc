// The CMS's Strapi, created from cms/ for the scripts that run it in their own process: the
// server (scripts/cms/server.ts), create-admin and the report command. Strapi is resolved from
// the cms package, where it is installed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cmsDir } from '../lib/paths.ts';
import type { Strapi } from './strapi-types.ts';

export function createCmsStrapi(options: { serveAdminPanel: boolean }): Strapi {
  const { createStrapi } = createRequire(join(cmsDir, 'package.json'))('@strapi/strapi');
  return createStrapi({ appDir: cmsDir, distDir: join(cmsDir, 'dist'), serveAdminPanel: options.serveAdminPanel });
}
