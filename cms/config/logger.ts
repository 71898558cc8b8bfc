import type { Core } from '@strapi/strapi';

// Request lines ("http" level) flood `npm start` while the portal builds; LOG_LEVEL=http shows them.
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'info'),
});
