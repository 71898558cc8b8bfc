import type { Core } from '@strapi/strapi';

const config: Core.Config.Api = {
  rest: {
    defaultLimit: 25,
    // The portal's build lists every published article's documentId and update time, a few
    // bytes each, to sync only what changed: a thousand per request. Full entries are read five
    // hundred at a time (site/src/lib/cms.ts).
    maxLimit: 1000,
    withCount: true,
    strictParams: true,
  },
  documents: {
    strictParams: true,
    strictRelations: true,
  },
};

export default config;
