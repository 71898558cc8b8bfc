import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Every piece of HTML the portal shows from CMS text goes through renderMarkdown: marked turns
// Markdown into HTML, then sanitize-html keeps only an allowlist. Officers may paste raw HTML
// into a Markdown body; the allowlist, not marked, is what keeps scripts, event handlers,
// javascript: URLs and foreign embeds out.

const marked = new Marked({ gfm: true, breaks: false, async: false });

const allowedTags = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
  'ul', 'ol', 'li', 'strong', 'em', 'del', 's', 'sub', 'sup', 'a', 'img',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'abbr', 'mark',
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
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer external' } : attribs,
      };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/(?!\/)/.test(frame.attribs.src ?? ''),
};

/** Removes anything that could run script or embed foreign content from an HTML fragment. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Markdown (from the CMS) to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitize(marked.parse(markdown.normalize('NFC')) as string);
}

/** Plain text of a Markdown string, for summaries, feeds and meta descriptions. */
export function markdownToText(markdown: string): string {
  const html = marked.parse(markdown.normalize('NFC')) as string;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
