// The article pages are written as strings (site/src/lib/article-pages.ts). The portal test checks
// them byte for byte against Astro's rendering of the demo content; this checks the escaping on
// text no demo article has: markup, quotes and ampersands where an officer might type them.
import { describe, expect, it } from 'vitest';
// biome-ignore lint/style/noRestrictedImports: holds the string pages' escaping to Astro's own, which only its runtime has; goes with the string pages
import { addAttribute, escapeHTML } from '../../site/node_modules/astro/dist/runtime/server/index.js';
import { attr, attrValue, scriptJson, text } from '../../site/src/lib/html.ts';
import { headAssets } from '../../site/integrations/parallel-render.ts';

const hostile = [
  'Thông báo <script>alert("x")</script> & lịch tiếp dân',
  `Nguyễn "Văn" A's <b>hồ sơ</b> &amp; phí 50% > 40%`,
  '</title><img src=x onerror=alert(1)>',
  'Bình thường, không có ký tự đặc biệt',
  '',
];

describe('string pages escape as Astro does', () => {
  it('escapes text between tags exactly as Astro', () => {
    for (const value of hostile) {
      expect(text(value)).toBe(String(escapeHTML(value)));
      expect(text(value)).not.toMatch(/<(?!\/?\w*$)/);
    }
  });

  it('writes attributes exactly as Astro, and leaves out null ones', () => {
    for (const value of hostile) {
      expect(attr('title', value)).toBe(String(addAttribute(value, 'title')));
      expect(attrValue(value)).not.toContain('"');
    }
    expect(attr('title', undefined)).toBe(String(addAttribute(undefined, 'title')));
    expect(attr('alt', '')).toBe(String(addAttribute('', 'alt')));
    expect(attr('href', new URL('https://example.org/a?b=1&c="2"'))).toBe(String(addAttribute(new URL('https://example.org/a?b=1&c="2"'), 'href')));
  });

  it('keeps structured data from closing its script element', () => {
    const json = scriptJson({ headline: hostile[0], description: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ headline: hostile[0], description: '</script><script>alert(1)</script>' });
  });

  it("puts a route's stylesheets in Astro's order, inline ones merged", () => {
    const styles = [
      { depth: 1, order: 2, sheet: { type: 'inline' as const, content: '.b{}' } },
      { depth: 0, order: 1, sheet: { type: 'external' as const, src: '/_astro/Base.abc.css' } },
      { depth: 1, order: 3, sheet: { type: 'inline' as const, content: '.c{}' } },
      { depth: 1, order: -1, sheet: { type: 'external' as const, src: '_astro/late.css' } },
    ];
    expect(headAssets(styles, '/')).toBe(
      '<link rel="stylesheet" href="/_astro/Base.abc.css"><style>.b{}.c{}</style><link rel="stylesheet" href="/_astro/late.css">',
    );
    expect(headAssets([], '/')).toBe('');
  });
});
