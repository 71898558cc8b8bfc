import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // Strapi's default answers every origin with credentials allowed. The admin is served from the
  // CMS's own origin and the portal is static, so by default no other origin is answered;
  // CORS_ORIGINS (comma-separated) lists any that need the API from a browser.
  { name: 'strapi::cors', config: { origin: env.array('CORS_ORIGINS', []), credentials: true } },
  'strapi::poweredBy',
  'global::json-body',
  'strapi::query',
  'strapi::body',
  'global::upload-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
