// Child-process entry that runs the CMS: loads Strapi from cms/, runs setupCms, then listens.
// Settings come from the environment (the parent passes the cms/.env values and test overrides);
// the setup result is written as JSON to LOA_SETUP_RESULT for the parent to read.
import { writeFileSync } from 'node:fs';
import { setupCms } from './setup.ts';
import { createCmsStrapi } from './load-strapi.ts';

const env = process.env;
const required = (name: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const strapi = createCmsStrapi({ serveAdminPanel: env.SERVE_ADMIN_PANEL !== 'false' });

try {
  await strapi.load();
  const login = (prefix: string) =>
    env[`${prefix}_EMAIL`] && env[`${prefix}_PASSWORD`] ? { email: env[`${prefix}_EMAIL`]!, password: env[`${prefix}_PASSWORD`]! } : undefined;
  const result = await setupCms(strapi, {
    // The ward server's first administrator is made by `npm run production -- create-admin`, which asks for the password.
    admin: login('ADMIN'),
    author: login('AUTHOR'),
    editor: login('EDITOR'),
    webhook: env.BUILDER_WEBHOOK_URL ? { url: env.BUILDER_WEBHOOK_URL, secret: required('BUILDER_SECRET') } : undefined,
    siteToken: env.SITE_TOKEN || undefined,
    seed: env.SEED_DEMO_CONTENT !== 'false',
    seedArticlesDir: env.SEED_EXTRA_ARTICLES_DIR || undefined,
  });
  if (env.BENCH_ARTICLES) {
    const { seedSyntheticArticles } = await import('../bench/synthetic.ts');
    await seedSyntheticArticles(strapi, Number(env.BENCH_ARTICLES), (message) => strapi.log.info(message));
  }
  if (env.LOA_SETUP_RESULT) writeFileSync(env.LOA_SETUP_RESULT, JSON.stringify(result), { mode: 0o600 });
  await strapi.start();
} catch (error) {
  console.error('CMS setup failed:', error);
  await strapi.destroy().catch(() => {});
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    strapi.destroy().finally(() => process.exit(0));
  });
}
