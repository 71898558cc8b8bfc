import { fileURLToPath } from 'node:url';
import { readEnvFile } from '@loa/shared/env-file';

// The build reads the CMS address and its read-only token from the process environment first
// (tests and `npm start` pass them), then from site/.env, which `npm start` writes on first run.
const fileEnv = readEnvFile(fileURLToPath(new URL('../../.env', import.meta.url)));

function read(name: string): string | undefined {
  return process.env[name] || fileEnv[name] || undefined;
}

export const cmsUrl = (read('CMS_URL') ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');
export const cmsToken = read('CMS_TOKEN');
/** The origin officers open the admin at (on the ward server, its own host name behind nginx): the only one that may frame a draft preview. */
export const cmsPublicOrigin = new URL(read('CMS_PUBLIC_URL') ?? cmsUrl).origin;
/** Public address of the portal, for absolute links in feeds. */
export const siteUrl = (read('SITE_URL') ?? 'http://127.0.0.1:4321').replace(/\/+$/, '');
