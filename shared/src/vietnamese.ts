// Vietnamese text helpers shared by the CMS scripts, the site and the tests.

/** Text as residents and officers read it: Unicode NFC, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').trim();
}

/**
 * Removes tone and vowel marks and folds đ/Đ to d/D ("Đường dây nóng" → "Duong day nong").
 * NFD splits most marks off their base letter, but đ is a letter of its own with no
 * decomposition, so it needs an explicit replacement.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese alphabetical order (a, ă, â, b, c, d, đ, e, ...). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
