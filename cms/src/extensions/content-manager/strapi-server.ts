// Strapi's documented way to extend a plugin: this function receives the content manager's
// server parts before they are registered. Routes are found by their handler, not their path,
// so no spelling of a URL escapes the policy.
const HANDLERS_NEEDING_READ = new Set(['collection-types.clone', 'collection-types.autoClone', 'preview.getPreviewUrl']);

interface Route {
  handler: string;
  config?: { policies?: unknown[] };
}

export default (plugin: { routes: Record<string, { routes: Route[] } | Route[]> }) => {
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
  return plugin;
};
