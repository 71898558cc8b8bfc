// Escaping for the markup still built as strings (page-frame.ts, article-view.ts), by Astro's own
// rules, so those fragments read as Astro would have written them.

const TEXT = /[&<>'"]/g;
const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** Text between tags. */
export function text(value: string | number): string {
  return String(value).replace(TEXT, (c) => TEXT_ENTITIES[c]);
}

/** An attribute value inside double quotes. */
export function attrValue(value: string | number | URL): string {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * ` name="value"`; as Astro writes them, nothing for null or undefined and the bare name for an
 * empty string (the same in HTML as `name=""`).
 */
export function attr(name: string, value: string | number | URL | null | undefined): string {
  if (value == null) return '';
  return value === '' ? ` ${name}` : ` ${name}="${attrValue(value)}"`;
}

/** JSON for a `<script>` element: no `<` can close it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
