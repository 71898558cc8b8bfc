/**
 * Addresses a resident's browser may follow from the portal: web pages, e-mail and telephone.
 * A `javascript:` or `data:` address never becomes a link. The CMS refuses the same addresses
 * on every save, by the `regex` of its link components (cms/src/components/*: the CMS compiles
 * to CommonJS on its own and cannot import this file); a test holds the two to the same cases.
 */
export const SAFE_LINK = /^(?:https?:\/\/\S+|mailto:\S+@\S+|tel:\+?[0-9][0-9 .()-]*)$/i;

export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url);
}
