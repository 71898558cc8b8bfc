// What the CMS needs before officers and the site builder can use it: the demo admin, the
// site builder's read-only API token, Vietnamese labels in the content manager, the demo content.
import type { Strapi } from './strapi-types.ts';
import { applyAdminLabels } from './admin-labels.ts';
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

export interface SetupOptions {
  admin: { email: string; password: string };
  /** The token the site currently holds, if any; kept when it is still valid. */
  siteToken?: string;
  seed: boolean;
  seedArticlesDir?: string;
}

export interface SetupResult {
  siteToken: string;
  seed: SeedReport | null;
}

async function ensureAdmin(strapi: Strapi, email: string, password: string) {
  const users = strapi.service('admin::user');
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: email.toLowerCase() } });
  if (existing) {
    // The login printed by `npm start` must work, so the password follows the env file.
    await users.updateById(existing.id, { password, isActive: true });
    return;
  }
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    firstname: 'Quản trị',
    lastname: 'Cổng thông tin',
    email,
    password,
    isActive: true,
    roles: [superAdmin.id],
    preferedLanguage: 'vi',
  });
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
  await ensureAdmin(strapi, options.admin.email, options.admin.password);
  const siteToken = await ensureSiteToken(strapi, options.siteToken);
  await applyAdminLabels(strapi);
  const seed = options.seed
    ? await seedDemoContent(strapi, { articlesDir: options.seedArticlesDir, log: (m) => strapi.log.info(m) })
    : null;
  return { siteToken, seed };
}
