// `npm test`: unit tests of shared/ and the integration tests (real Strapi on temporary
// databases, the real Astro build). Tests pick free ports, so `npm start` may run meanwhile.
import { join } from 'node:path';
import { rootDir } from './lib/paths.ts';
import { run } from './lib/process.ts';

const vitest = join(rootDir, 'node_modules', 'vitest', 'vitest.mjs');

try {
  await run(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { cwd: rootDir });
} catch (error) {
  console.error(`\n✖ ${(error as Error).message}`);
  process.exit(1);
}
