import type { Core } from '@strapi/strapi';
import { adminAbility, mayReadDocument } from '../editorial-context';

// Content-manager routes that act on a document named in the request without checking that the
// caller may read it: cloning (`/collection-types/:model/clone/:sourceId`) copies any document,
// and the preview link (`/preview/url/:contentType?documentId=`) signs one for any document. The
// content-manager extension (src/extensions/content-manager) attaches this policy to both, so an
// Author reaches other officers' drafts through neither.
export default async (policyContext: any, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const uid: string | undefined = policyContext.params?.model ?? policyContext.params?.contentType;
  // The policy context copies the request context's own fields: the query lives on `request`.
  const documentId: unknown = policyContext.params?.sourceId ?? policyContext.request?.query?.documentId;
  const ability = adminAbility(strapi);
  if (!uid || typeof documentId !== 'string' || !ability || !strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) return false;
  const allowed = await mayReadDocument(strapi, ability, uid, documentId);
  if (!allowed) strapi.log.warn(`Refused ${policyContext.request?.method} ${policyContext.request?.path}: the user may not read ${uid} ${documentId}`);
  return allowed;
};
