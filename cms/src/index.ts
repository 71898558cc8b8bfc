import type { Core } from '@strapi/strapi';
import { registerActivityRules } from './activity-rules';
import { ensurePublishedOrderIndex } from './published-order-index';
import { registerEditorialRules } from './editorial-rules';
import { registerLinkRules } from './link-rules';
import { registerPublicationLog } from './publication-log';
import { registerPublishedOnly } from './published-only';
import { registerPublishRules } from './publish-rules';
import { registerScheduler, runSchedule } from './scheduler';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
    registerLinkRules(strapi);
    registerEditorialRules(strapi);
    registerPublishRules(strapi);
    registerPublicationLog(strapi);
    registerActivityRules(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensurePublishedOrderIndex(strapi);
    registerScheduler(strapi);
    // Times that passed while the CMS was down are carried out now, not at the next tick.
    await runSchedule(strapi).catch((error) => strapi.log.error(`Scheduler catch-up failed: ${error}`));
  },
};
