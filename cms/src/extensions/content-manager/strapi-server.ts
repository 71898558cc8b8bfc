// Strapi's documented way to extend a plugin: this function receives the content manager's
// server parts before they are registered. Routes are found by their handler, not their path,
// so no spelling of a URL escapes the policy.
import { portalStatus } from '../../portal-status';
import { resultsReportController, resultsReportRoutes } from '../../results-report';

const HANDLERS_NEEDING_READ = new Set(['collection-types.clone', 'collection-types.autoClone', 'preview.getPreviewUrl']);

/**
 * The project's slug rule (shared/src/slug.ts), which the seed and the site use. Node 24 loads
 * that TypeScript module as it is; the CMS compiles to CommonJS on its own and cannot import it.
 */
const { slugify } = require('@loa/shared/slug') as { slugify(text: string): string };

interface UidService {
  generateUIDField(params: { contentTypeUID: string; field: string; data: Record<string, unknown>; locale?: string }): Promise<string>;
  findUniqueUID(params: { contentTypeUID: string; field: string; value: string; locale?: string }): Promise<string>;
}

interface Route {
  method?: string;
  path?: string;
  handler: string;
  config?: { policies?: unknown[] };
}

interface ContentManagerServer {
  routes: Record<string, { type?: string; routes: Route[] } | Route[]>;
  services: Record<string, (deps: { strapi: any }) => any>;
  controllers: Record<string, (deps: { strapi: any }) => Record<string, (ctx: any) => Promise<void>>>;
}

/**
 * Admin routes of our own, on the content manager's admin router (a plugin extension is Strapi's
 * documented way to add one), for signed-in officers only:
 * - GET /content-manager/portal-status: the portal's state for the admin's home page (src/portal-status.ts);
 * - /content-manager/results-report[/docx|/xlsx]: the plan's results report (src/results-report.ts),
 *   which checks the Editor's permission itself.
 */
function addOwnRoutes(plugin: ContentManagerServer): void {
  plugin.controllers['portal-status'] = ({ strapi }) => ({
    async show(ctx) {
      ctx.body = await portalStatus(strapi);
    },
  });
  plugin.controllers['results-report'] = resultsReportController;
  const admin = plugin.routes.admin;
  if (!admin || Array.isArray(admin)) throw new Error('Content manager admin router not found, cannot add our admin routes');
  for (const route of [{ method: 'GET', path: '/portal-status', handler: 'portal-status.show' }, ...resultsReportRoutes]) {
    admin.routes.push({ ...route, config: { policies: ['admin::isAuthenticatedAdmin'] } });
  }
}

/**
 * The slug the admin proposes from a title ("Tạo lại" beside the field, and as the title is
 * typed) is the project's own, not Strapi's slugify (which writes "&" as "and", splits "VNeID"
 * into "v-ne-id" and has no length limit). Strapi still makes it unique.
 */
function withProjectSlugs(createUid: (deps: { strapi: any }) => UidService) {
  return (deps: { strapi: any }): UidService => {
    const service = createUid(deps);
    return {
      ...service,
      async generateUIDField({ contentTypeUID, field, data, locale }) {
        const attribute = deps.strapi.contentTypes[contentTypeUID]?.attributes?.[field];
        const source = attribute?.targetField ? data?.[attribute.targetField] : undefined;
        if (typeof source !== 'string' || !source.trim()) return service.generateUIDField({ contentTypeUID, field, data, locale });
        return service.findUniqueUID({ contentTypeUID, field, value: slugify(source), locale });
      },
    };
  };
}

export default (plugin: ContentManagerServer) => {
  if (typeof plugin.services.uid !== 'function') throw new Error('Content manager uid service not found, cannot give it the project slug rule');
  plugin.services.uid = withProjectSlugs(plugin.services.uid);
  const found = new Set<string>();
  for (const router of Object.values(plugin.routes)) {
    const routes = Array.isArray(router) ? router : router.routes;
    for (const route of routes) {
      if (!HANDLERS_NEEDING_READ.has(route.handler)) continue;
      found.add(route.handler);
      route.config = { ...route.config, policies: [...(route.config?.policies ?? []), 'global::can-read-document'] };
    }
  }
  // After a Strapi upgrade renamed a handler, refuse to start rather than run without the check.
  const missing = [...HANDLERS_NEEDING_READ].filter((handler) => !found.has(handler));
  if (missing.length) throw new Error(`Content manager routes not found, cannot guard them: ${missing.join(', ')}`);
  addOwnRoutes(plugin);
  return plugin;
};
