import type { Core } from '@strapi/strapi';

export const ARTICLE = 'api::article.article';
const PUBLISH = 'plugin::content-manager.explorer.publish';

/** CASL ability of the admin user whose request is being served (Strapi's request context). */
interface Ability {
  can(action: string, subject: unknown, field?: string): boolean;
}

/** The admin user Strapi's admin authentication puts on the request. */
export interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
}

interface RequestState {
  userAbility?: Ability;
  user?: AdminUser;
  route?: { info?: { type?: string } };
  /** Set by the preview controller once the caller proved it holds the preview API secret. */
  draftPreview?: boolean;
}

function requestState(strapi: Core.Strapi): RequestState | undefined {
  return (strapi.requestContext.get() as { state?: RequestState } | undefined)?.state;
}

/**
 * The permissions of the admin user making the current request, or undefined when no admin user
 * is: the scheduler, the setup and seed, the content API.
 */
export function adminAbility(strapi: Core.Strapi): Ability | undefined {
  return requestState(strapi)?.userAbility;
}

/** The admin user making the current request, or undefined (see adminAbility). */
export function adminUser(strapi: Core.Strapi): AdminUser | undefined {
  const state = requestState(strapi);
  return state?.userAbility ? state.user : undefined;
}

/** A user's name as the admin shows it: first name, then last name ('' when neither is set). */
export function adminUserName(user: AdminUser): string {
  return [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
}

/** Editors publish; Authors do not. */
export function mayPublish(ability: Ability, uid: string): boolean {
  return ability.can(PUBLISH, uid);
}

/** Whether the current request came in through a content API route (the one the portal reads). */
export function isContentApiRequest(strapi: Core.Strapi): boolean {
  const state = requestState(strapi);
  return state?.route?.info?.type === 'content-api' && state.draftPreview !== true;
}

/** Marks the current request as the portal's draft preview (after its secret was checked). */
export function markDraftPreview(ctx: { state: RequestState }): void {
  ctx.state.draftPreview = true;
}

/**
 * Whether this admin user may read this document in the content manager, conditions included
 * ("is creator" for Authors), through the content manager's own permission checker.
 */
export async function mayReadDocument(strapi: Core.Strapi, ability: Ability, uid: string, documentId: string): Promise<boolean> {
  const document = await strapi.documents(uid as any).findOne({
    documentId,
    status: 'draft',
    populate: { createdBy: { fields: ['id'] } },
  } as any);
  if (!document) return false;
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid });
  return checker.can.read(document);
}
