// What the CMS needs before officers and the site builder can use it: the demo admin, the
// site builder's read-only API token, Vietnamese labels in the content manager, the demo content.
import type { Strapi } from './strapi-types.ts';
import { applyAdminLabels } from './admin-labels.ts';
import { ensureEditorialRoles } from './roles.ts';
import { ensureWebhook, type WebhookOptions } from './webhook.ts';
import { seedDemoContent, type SeedReport } from '../seed/seed.ts';

/** Content API actions the static site needs, and nothing else: no create, update or delete. */
export const SITE_TOKEN_PERMISSIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::content-area.content-area.find',
  'api::channel.channel.find',
  'api::responsible-officer.responsible-officer.find',
  'api::plan.plan.find',
  'api::site-setting.site-setting.find',
];
export const SITE_TOKEN_NAME = 'Xây dựng cổng thông tin (chỉ đọc)';

export interface Login {
  email: string;
  password: string;
}

export interface SetupOptions {
  /** The demo super administrator (npm start, tests); none on the ward server. */
  admin?: Login;
  /** Demo drafting officer (Author role) and editor (Editor role), when given. */
  author?: Login;
  editor?: Login;
  /** Where the CMS nudges the site builder when published content changes. */
  webhook?: WebhookOptions;
  /** The token the site currently holds, if any; kept when it is still valid. */
  siteToken?: string;
  seed: boolean;
  seedArticlesDir?: string;
}

export interface SetupResult {
  siteToken: string;
  seed: SeedReport | null;
}

/**
 * Creates a user once. An existing account is left as administrators made it: a changed
 * password, a deactivated account or another role survive restarts. Users are created active,
 * so no registration token is left behind (one would let anybody holding it set the password
 * through /admin/register); one left by an older setup is cleared.
 */
async function ensureUser(strapi: Strapi, login: Login, roleId: number, name: { firstname: string; lastname: string }) {
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: login.email.toLowerCase() } });
  if (existing) {
    if (existing.isActive && existing.registrationToken) {
      await strapi.db.query('admin::user').update({ where: { id: existing.id }, data: { registrationToken: null } });
    }
    return;
  }
  await strapi.service('admin::user').create({
    ...name,
    email: login.email,
    password: login.password,
    isActive: true,
    registrationToken: null,
    roles: [roleId],
    preferedLanguage: 'vi',
  });
}

/**
 * Strapi makes a "Read Only" and a "Full Access" API token, never expiring, when it first starts
 * on an empty database. Nothing here uses them; the site has its own token limited to what it
 * reads. They are removed when they are still exactly Strapi's defaults.
 */
async function removeDefaultApiTokens(strapi: Strapi): Promise<void> {
  const defaults = [
    { name: 'Read Only', type: 'read-only', description: 'A default API token with read-only permissions, only used for accessing resources' },
    { name: 'Full Access', type: 'full-access', description: 'A default API token with full access permissions, used for accessing or modifying resources' },
  ];
  for (const token of defaults) {
    const found = await strapi.db.query('admin::api-token').findOne({ where: token });
    if (found) await strapi.service('admin::api-token').revoke(found.id);
  }
}

async function ensureSiteToken(strapi: Strapi, current?: string): Promise<string> {
  const tokens = strapi.service('admin::api-token');
  const existing = await strapi.db.query('admin::api-token').findOne({ where: { name: SITE_TOKEN_NAME } });
  if (existing && current && existing.accessKey === tokens.hash(current)) return current;
  if (existing) await tokens.revoke(existing.id);
  const created = await tokens.create({
    name: SITE_TOKEN_NAME,
    description: 'Dùng khi xây dựng trang tĩnh của cổng thông tin; chỉ đọc tin bài đã xuất bản và danh mục.',
    type: 'custom',
    kind: 'content-api',
    lifespan: null,
    permissions: SITE_TOKEN_PERMISSIONS,
  });
  return created.accessKey;
}

export async function setupCms(strapi: Strapi, options: SetupOptions): Promise<SetupResult> {
  if (options.admin) {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await ensureUser(strapi, options.admin, superAdmin.id, { firstname: 'Quản trị', lastname: 'Cổng thông tin' });
  }
  const { authorRoleId, editorRoleId } = await ensureEditorialRoles(strapi);
  if (options.author) await ensureUser(strapi, options.author, authorRoleId, { firstname: 'Công chức', lastname: 'Văn hóa - Xã hội' });
  if (options.editor) await ensureUser(strapi, options.editor, editorRoleId, { firstname: 'Lãnh đạo', lastname: 'UBND phường' });
  if (options.webhook) await ensureWebhook(strapi, options.webhook);
  await removeDefaultApiTokens(strapi);
  const siteToken = await ensureSiteToken(strapi, options.siteToken);
  await applyAdminLabels(strapi);
  const seed = options.seed ? await seedDemoContent(strapi, { articlesDir: options.seedArticlesDir, log: (m) => strapi.log.info(m) }) : null;
  return { siteToken, seed };
}
