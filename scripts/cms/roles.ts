// The ward's two editorial roles, on Strapi's built-in Author and Editor roles:
// - Author (the drafting officer): writes and edits her own articles, previews them, cannot
//   publish and cannot touch the Editor's fields (schedule, featured, first publication date), so
//   she cannot make anything publish later; reads all of the plan's taxonomy, whoever entered
//   it, to tag articles, but cannot change it; deletes only her own drafts that never went out
//   (cms/src/editorial-rules.ts); cannot replace an uploaded file under an article's feet.
// - Editor (leadership, Office-Statistics officer): everything on content, including publishing
//   and scheduling; reads the publication log ("Nhật ký xuất bản"), which the Author does not see
//   and nobody writes by hand (cms/src/publication-log.ts).
// - Activities off the portal ("Hoạt động tuyên truyền"): see ACTIVITY below.
import type { Strapi } from './strapi-types.ts';

const ARTICLE = 'api::article.article';
/** Fields that make an article go live or come down later: an Author may not set them. */
export const SCHEDULE_FIELDS = ['publishAt', 'unpublishAt'];
/** What the portal shows first and the date residents read: the Editor's decisions too. */
const EDITOR_FIELDS = [...SCHEDULE_FIELDS, 'featured', 'firstPublishedAt'];
/**
 * Replacing a file keeps its id, so it would change a published article's image or attachment
 * without review: only Editors may.
 */
const UPLOAD_UPDATE = 'plugin::upload.assets.update';
/** Written by the scheduler only. */
const SYSTEM_FIELDS = ['scheduleNote'];
const TAXONOMY = [
  'api::plan.plan',
  'api::content-area.content-area',
  'api::channel.channel',
  'api::responsible-officer.responsible-officer',
  'api::site-setting.site-setting',
];
const CONTENT_MANAGER = 'plugin::content-manager.explorer.';
/** Written by the CMS itself on every publish, withdrawal and delete. */
const PUBLICATION_LOG = 'api::publication-log.publication-log';
/**
 * Communication activities off the portal, for the results report (cms/src/activity-rules.ts).
 * The rule: an Author records, sees, edits and deletes only her own, and cannot confirm; an
 * Editor sees, edits and confirms all of them. Who confirmed, and when, the CMS writes.
 */
const ACTIVITY = 'api::activity.activity';
const CONFIRMATION_FIELDS = ['confirmed', 'confirmedAt', 'confirmedBy'];

function activityPermissions(strapi: Strapi, role: 'author' | 'editor'): Permission[] {
  const fields = Object.keys(strapi.contentTypes[ACTIVITY].attributes).filter(
    (name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name),
  );
  const writable = fields.filter((name) => (role === 'editor' ? name !== 'confirmedAt' && name !== 'confirmedBy' : !CONFIRMATION_FIELDS.includes(name)));
  const conditions = role === 'author' ? ['admin::is-creator'] : [];
  return [
    { action: `${CONTENT_MANAGER}read`, subject: ACTIVITY, properties: { fields }, conditions },
    { action: `${CONTENT_MANAGER}create`, subject: ACTIVITY, properties: { fields: writable }, conditions: [] },
    { action: `${CONTENT_MANAGER}update`, subject: ACTIVITY, properties: { fields: writable }, conditions },
    { action: `${CONTENT_MANAGER}delete`, subject: ACTIVITY, properties: {}, conditions },
  ];
}

interface Permission {
  action: string;
  subject: string | null;
  properties: { fields?: string[]; [key: string]: unknown };
  conditions: string[];
}

function withFields(permission: Permission, change: (fields: string[]) => string[]): Permission {
  if (!permission.properties?.fields) return permission;
  return { ...permission, properties: { ...permission.properties, fields: change(permission.properties.fields) } };
}

async function currentPermissions(strapi: Strapi, roleId: number): Promise<Permission[]> {
  const permissions = await strapi.service('admin::permission').findMany({ where: { role: { id: roleId } } });
  return permissions.map(({ action, subject, properties, conditions }: Permission) => ({
    action,
    subject,
    properties: properties ?? {},
    conditions: conditions ?? [],
  }));
}

export async function ensureEditorialRoles(strapi: Strapi): Promise<{ authorRoleId: number; editorRoleId: number }> {
  const roles = strapi.service('admin::role');
  const author = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
  const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  if (!author || !editor) throw new Error('Strapi default Author/Editor roles are missing');

  // Strapi's default Author permissions carry the "is creator" condition, which on the taxonomy
  // would leave her pickers empty: she entered none of it. Her taxonomy permissions are replaced
  // by a plain read of every entry.
  const authorPermissions = (await currentPermissions(strapi, author.id))
    .filter((p) => !(p.subject && (TAXONOMY.includes(p.subject) || p.subject === PUBLICATION_LOG || p.subject === ACTIVITY)))
    .filter((p) => p.action !== `${CONTENT_MANAGER}publish` && p.action !== UPLOAD_UPDATE)
    .map((p) =>
      p.subject === ARTICLE && p.action !== `${CONTENT_MANAGER}read`
        ? withFields(p, (fields) => fields.filter((f) => !EDITOR_FIELDS.includes(f) && !SYSTEM_FIELDS.includes(f)))
        : p.subject === ARTICLE
          ? // She sees the schedule and its note (why an edit cancelled it), read-only.
            withFields(p, (fields) => [...new Set([...fields, ...EDITOR_FIELDS, ...SYSTEM_FIELDS])])
          : p,
    );
  for (const subject of TAXONOMY) {
    const fields = Object.keys(strapi.contentTypes[subject].attributes).filter(
      (name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name),
    );
    authorPermissions.push({ action: `${CONTENT_MANAGER}read`, subject, properties: { fields }, conditions: [] });
  }
  authorPermissions.push(...activityPermissions(strapi, 'author'));
  await roles.assignPermissions(author.id, authorPermissions);

  // Editors get the schedule fields even on a database created before those fields existed
  // (Strapi grants default field permissions only for fields present at the first start).
  const editorPermissions = (await currentPermissions(strapi, editor.id))
    .filter((p) => p.subject !== PUBLICATION_LOG && p.subject !== ACTIVITY)
    .map((p) =>
      p.subject === ARTICLE && (p.action === `${CONTENT_MANAGER}create` || p.action === `${CONTENT_MANAGER}update` || p.action === `${CONTENT_MANAGER}read`)
        ? withFields(p, (fields) => [...new Set([...fields, ...EDITOR_FIELDS, ...(p.action.endsWith('read') ? SYSTEM_FIELDS : [])])])
        : p,
    );
  // The log is read only, whole.
  const logFields = Object.keys(strapi.contentTypes[PUBLICATION_LOG].attributes).filter(
    (name) => !['createdBy', 'updatedBy', 'locale', 'localizations'].includes(name),
  );
  editorPermissions.push({ action: `${CONTENT_MANAGER}read`, subject: PUBLICATION_LOG, properties: { fields: logFields }, conditions: [] });
  editorPermissions.push(...activityPermissions(strapi, 'editor'));
  await roles.assignPermissions(editor.id, editorPermissions);
  return { authorRoleId: author.id, editorRoleId: editor.id };
}
