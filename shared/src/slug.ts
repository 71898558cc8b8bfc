import { foldDiacritics } from './vietnamese.ts';

/**
 * URL slug of a Vietnamese title: diacritics dropped, lower case ASCII words joined by hyphens
 * ("Đẩy mạnh cải cách" → "day-manh-cai-cach"). Hand-written rather than a general slug library:
 * Vietnamese needs only the mark stripping above, and this keeps the CMS, the seed and the site
 * producing byte-identical slugs.
 */
export function slugify(text: string, maxLength = 96): string {
  const slug = foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  // Cut at a word boundary so a slug never ends mid-word.
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut;
}

/** Strapi's uid fields accept only this shape. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
