import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  // The CMS's public address (https://…), for links in mail and the admin; empty on one laptop.
  url: env('CMS_PUBLIC_URL', env('PUBLIC_URL', '')),
  // Behind nginx, which ends TLS: trust its X-Forwarded-* headers, so Strapi knows requests came
  // over HTTPS (secure cookies) and from which address (rate limits, logs).
  proxy: { koa: env.bool('CMS_BEHIND_PROXY', false) },
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
