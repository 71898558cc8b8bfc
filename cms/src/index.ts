import type { Core } from '@strapi/strapi';
import { registerPublishRules } from './publish-rules';
import { registerScheduler, runSchedule } from './scheduler';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishRules(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerScheduler(strapi);
    // Times that passed while the CMS was down are carried out now, not at the next tick.
    await runSchedule(strapi).catch((error) => strapi.log.error(`Scheduler catch-up failed: ${error}`));
  },
};
