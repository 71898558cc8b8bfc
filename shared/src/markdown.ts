import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Every piece of HTML the portal shows from CMS text goes through renderMarkdown: marked turns
// Markdown into HTML, then sanitize-html keeps only an allowlist. Officers may paste raw HTML
// into a Markdown body; the allowlist, not marked, is what keeps scripts, event handlers,
// javascript: URLs and foreign embeds out.

const marked = new Marked({ gfm: true, breaks: false, async: false });

// marked's GFM rule for a run of plain text (Lexer.rules.inline.gfm.text) is a regular expression
// that, at every character, also looks ahead for an e-mail address or a mailto:/xmpp: link: it
// took half the time marked spends on an article. A document without "@", "mailto:" or "xmpp:"
// (most of them) cannot match those alternatives, and is read with the scan below in its place.

/** Characters before which the text rule always stops: \\ < ! [ ` * ~ _ (all below 128). */
const TEXT_STOPS = Uint8Array.from({ length: 128 }, (_, code) => ('\\<![`*~_'.includes(String.fromCharCode(code)) ? 1 : 0));
const SPACE = 32;
/** Documents the scan may read: none can hold an e-mail address or a mailto:/xmpp: link. */
const MAY_LINK_ADDRESS = /@|mailto:|xmpp:/;

/** Whether `src` has two or more spaces at `at`, then a line break: ` {2,}\n` there. */
function hardBreakAt(src: string, at: number): boolean {
  let end = at;
  while (src.charCodeAt(end) === SPACE) end++;
  return end - at >= 2 && src.charCodeAt(end) === 10;
}

/** Whether the letters at `at` spell `word` (given in lower case) in any case. */
function spellsAt(src: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((src.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Where the run of plain text at the start of `src` ends (-1 for none): where marked's GFM text
 * rule ends it, for text without "@", "mailto:" and "xmpp:". A run of backticks or tildes or one
 * other character, then up to (not including) \\ < ! [ ` * ~ _, "http" or "ftp://" in any case,
 * "www." after white space, * _ ~ or (, or the end; or up to a character followed by a hard line
 * break (two spaces or more, then a line break), included. markdown.test.ts compares the two.
 */
export function plainTextEnd(src: string): number {
  const length = src.length;
  if (length === 0) return -1;
  const first = src.charCodeAt(0);
  let start = 1;
  if (first === 96 || first === 126) while (start < length && src.charCodeAt(start) === first) start++;
  if (start < length && (src.charCodeAt(start) === 96 || src.charCodeAt(start) === 126)) return start;
  if (hardBreakAt(src, start)) return start;
  for (let at = start; at < length; at++) {
    const code = src.charCodeAt(at);
    if (code >= 128) continue;
    if (TEXT_STOPS[code] === 1) return at;
    if (code === SPACE) {
      // The character before these spaces, if a hard line break follows them.
      if (src.charCodeAt(at + 1) === SPACE && src.charCodeAt(at - 1) !== SPACE && hardBreakAt(src, at)) return at;
      continue;
    }
    // Checked one letter further before the whole word: Vietnamese has an h in most words.
    const lower = code | 32;
    if (lower === 104 && (src.charCodeAt(at + 1) | 32) === 116 && spellsAt(src, at, 'http')) return at;
    if (lower === 102 && (src.charCodeAt(at + 1) | 32) === 116 && spellsAt(src, at, 'ftp') && src.startsWith('://', at + 3)) return at;
    if (code === 119 && src.startsWith('www.', at) && /[\s*_~(]/.test(src[at - 1])) return at;
  }
  return length;
}

const scannedMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  tokenizer: {
    // Returning false hands the text back to marked's own rule: inside raw HTML, and for text
    // with a numeric character reference to decode.
    inlineText(src) {
      if (this.lexer.state.inRawBlock) return false;
      const end = plainTextEnd(src);
      if (end < 0) return false;
      const raw = src.slice(0, end);
      return raw.includes('&#') ? false : { type: 'text', raw, text: raw, escaped: false };
    },
  },
});

/** Markdown to HTML (unsanitised), by marked. */
function markdownHtml(markdown: string): string {
  return (MAY_LINK_ADDRESS.test(markdown) ? marked : scannedMarked).parse(markdown) as string;
}

const allowedTags = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  's',
  'sub',
  'sup',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'abbr',
  'mark',
];

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags,
  // rel, loading and decoding are added by transformTags below.
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    th: ['align', 'scope'],
    td: ['align'],
    ol: ['start'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Body images may only come from our own media library (site-relative paths): a remote image is
  // a foreign embed that tracks readers, so it is dropped.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A top-level h1 is the article title; body headings start at h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      const href = publishedFile(attribs.href);
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer external' } : { ...attribs, ...(href ? { href } : {}) },
      };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: publishedFile(attribs.src) ?? attribs.src, loading: 'lazy', decoding: 'async' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/(?!\/)/.test(frame.attribs.src ?? ''),
};

/** A file of the CMS's media library as a body names it: /uploads/<stored name>. */
const UPLOAD = /\/uploads\/([A-Za-z0-9][A-Za-z0-9._~-]*)/g;

/**
 * Where the portal publishes a media-library file that a body shows or links to: beside the
 * attachments, under /tep-tin/, since the CMS itself is not public. The build copies each file
 * that bodyFiles() names.
 */
function publishedFile(url: string | undefined): string | undefined {
  const match = url ? /^\/uploads\/([A-Za-z0-9][A-Za-z0-9._~-]*)$/.exec(url) : null;
  return match ? `/tep-tin/${match[1]}` : undefined;
}

/** The media-library files (/uploads/… paths) a Markdown body shows or links to, once each. */
export function bodyFiles(markdown: string): string[] {
  return [...new Set(Array.from(markdown.matchAll(UPLOAD), (match) => match[0]))];
}

/** Removes anything that could run script or embed foreign content from an HTML fragment. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Markdown (from the CMS) to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitize(markdownHtml(markdown.normalize('NFC')));
}

/** Plain text of a Markdown string, for summaries, feeds and meta descriptions. */
export function markdownToText(markdown: string): string {
  const html = markdownHtml(markdown.normalize('NFC'));
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
