import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Every piece of HTML the portal shows from CMS text goes through renderMarkdown: marked turns
// Markdown into HTML, then sanitize-html keeps only an allowlist. Officers may paste raw HTML
// into a Markdown body; the allowlist, not marked, is what keeps scripts, event handlers,
// javascript: URLs and foreign embeds out.

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown to HTML (unsanitised), by marked. */
function markdownHtml(markdown: string): string {
  return marked.parse(markdown) as string;
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
