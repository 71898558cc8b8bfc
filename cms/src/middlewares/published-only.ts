import type { Core } from '@strapi/strapi';

// The content API serves published entries only. Strapi lets any reader with `find` ask for
// drafts with ?status=draft; the portal never needs them, so the CMS refuses instead of relying
// on every caller to ask correctly. Draft previews (issue 3) go through their own route.
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    const status = ctx.query?.status;
    if (ctx.path.startsWith('/api/') && status !== undefined && status !== 'published') {
      strapi.log.warn(`Refused content API request for status=${String(status)}: ${ctx.method} ${ctx.path}`);
      ctx.status = 403;
      ctx.body = {
        data: null,
        error: { status: 403, name: 'ForbiddenError', message: 'Only published content is available through the content API.', details: {} },
      };
      return;
    }
    await next();
  };
};
