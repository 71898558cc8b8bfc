import type { Core } from '@strapi/strapi';
import { registerPublishRules } from './publish-rules';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishRules(strapi);
  },
  bootstrap() {},
};
