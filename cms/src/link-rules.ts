import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

interface LinkField {
  /** Attribute of the content type holding the link components. */
  field: string;
  /** The `regex` of the component's `url` attribute (src/components/*): the rule itself. */
  pattern: RegExp;
}

/** Component attributes whose components carry a `url` with a `regex`, per content type. */
function linkFields(strapi: Core.Strapi, uid: string): LinkField[] {
  const attributes: Record<string, any> = strapi.getModel(uid as any)?.attributes ?? {};
  return Object.entries(attributes).flatMap(([field, attribute]) => {
    if (attribute.type !== 'component') return [];
    const regex = (strapi.getModel(attribute.component)?.attributes as Record<string, any> | undefined)?.url?.regex;
    return typeof regex === 'string' ? [{ field, pattern: new RegExp(regex) }] : [];
  });
}

// Links residents follow (legal references, social and related links) may only be http(s),
// mailto: or tel: addresses, as each link component's `regex` says; shared/src/links.ts holds
// the same rule for the site's build. Strapi checks that regex only when a document is
// published, and the site settings are saved as drafts first, so every save is checked here,
// whatever the route.
export function registerLinkRules(strapi: Core.Strapi) {
  const cache = new Map<string, LinkField[]>();
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update') return next();
    if (!cache.has(context.uid)) cache.set(context.uid, linkFields(strapi, context.uid));
    const data = (context.params as { data?: Record<string, unknown> }).data ?? {};
    for (const { field, pattern } of cache.get(context.uid)!) {
      const value = data[field];
      for (const item of (Array.isArray(value) ? value : value ? [value] : []) as Array<{ url?: unknown }>) {
        const url = item?.url;
        if (url === undefined || url === null || url === '') continue;
        if (typeof url !== 'string' || !pattern.test(url)) {
          strapi.log.warn(`Refused unsafe link in ${context.uid}.${field}: ${JSON.stringify(url)}`);
          throw new errors.ValidationError(
            `Liên kết "${String(url).slice(0, 80)}" không hợp lệ: chỉ chấp nhận địa chỉ bắt đầu bằng https://, http://, mailto: hoặc tel:.`,
          );
        }
      }
    }
    return next();
  });
}
