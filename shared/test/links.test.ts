import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSafeLink } from '../src/links.ts';
import { siteSettingsSchema } from '../src/schemas.ts';

const safe = [
  'https://dichvucong.gov.vn',
  'http://hungdao.hanoi.gov.vn/lien-he',
  'HTTPS://ZALO.ME/123',
  'mailto:gopy@phuong.gov.vn',
  'tel:+84 24 3825 1234',
  'tel:1022',
];
const unsafe = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https://',
  '//evil.example',
  '/tin-tuc/',
  'mailto:',
  'tel:alert(1)',
  'https://a.vn\njavascript:alert(1)',
];

// The CMS checks links on every save with the regex of its link components; the site's build
// with shared/src/links.ts. Both must give the same answer for every address.
const componentRegexes = ['site/link.json', 'site/social-link.json', 'article/legal-reference.json'].map((file) => {
  const schema = JSON.parse(readFileSync(new URL(`../../cms/src/components/${file}`, import.meta.url), 'utf8'));
  return [file, new RegExp(schema.attributes.url.regex)] as const;
});

describe('links residents may follow', () => {
  it.each(safe)('accepts %s, as the CMS does', (url) => {
    expect(isSafeLink(url)).toBe(true);
    for (const [file, regex] of componentRegexes) expect(regex.test(url), file).toBe(true);
  });

  it.each(unsafe)('refuses %j, as the CMS does', (url) => {
    expect(isSafeLink(url)).toBe(false);
    for (const [file, regex] of componentRegexes) expect(regex.test(url), file).toBe(false);
  });

  it('stops a build whose site settings carry a javascript: link', () => {
    const settings = {
      wardName: 'phường Hưng Đạo',
      cityName: 'Hà Nội',
      siteTitle: 'Cổng thông tin',
      address: 'Số 1',
      phone: '024',
      email: 'a@b.vn',
      contactOfficer: { name: 'A', position: 'B', phone: '1', email: 'c@d.vn' },
      hotlines: [],
      relatedLinks: [],
    };
    expect(
      siteSettingsSchema.safeParse({ ...settings, socialLinks: [{ network: 'facebook', label: 'Trang', url: 'https://facebook.com/phuong' }] }).success,
    ).toBe(true);
    expect(siteSettingsSchema.safeParse({ ...settings, socialLinks: [{ network: 'other', label: 'Trang', url: 'javascript:alert(1)' }] }).success).toBe(false);
    expect(siteSettingsSchema.safeParse({ ...settings, socialLinks: [], relatedLinks: [{ label: 'Cổng', url: 'JAVASCRIPT:alert(1)' }] }).success).toBe(false);
  });
});
