import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const rootDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const cmsDir = join(rootDir, 'cms');
export const siteDir = join(rootDir, 'site');
export const seedDir = join(rootDir, 'scripts', 'seed');
export const stateDir = join(rootDir, '.state');
