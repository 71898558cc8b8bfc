import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiRequest } from './editorial-context';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

// The content API serves published entries only. Strapi lets any reader with `find` ask for
// drafts (?status=draft, and relations populated under a draft parent follow it); the portal
// never needs them. The rule sits on the document service and asks which route was matched, not
// how the path was spelled, so every route of the content API and every way of asking for a
// status (query string, populate, another casing of the path) meets it. Draft previews go
// through their own route, guarded by a secret (api/article/controllers/preview.ts).
export function registerPublishedOnly(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (!READS.has(context.action) || !isContentApiRequest(strapi)) return next();
    const params = context.params as { status?: unknown };
    if (params.status !== undefined && params.status !== 'published') {
      // A PolicyError is a 403 whose message Strapi shows (it hides a ForbiddenError's).
      strapi.log.warn(`Refused content API read of ${context.uid} with status=${JSON.stringify(params.status)}`);
      throw new errors.PolicyError('Only published content is available through the content API.');
    }
    params.status = 'published';
    return next();
  });
}
