import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  // Uploads live under PUBLIC_DIR so that tests and demo runs keep their media apart.
  dirs: {
    public: env('PUBLIC_DIR', './public'),
  },
  // Scheduled publication and withdrawal of articles (src/scheduler.ts).
  cron: {
    enabled: true,
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
});

export default config;
