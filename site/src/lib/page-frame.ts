// The page frame (head tags, header, menu, footer) as strings. Page.astro renders every Astro
// page with it; the article pages, which the build writes without Astro's renderer
// (src/lib/article-pages.ts), put it around their content themselves, so both kinds of page
// carry the same frame. It takes the site settings as an argument and imports no content
// collection, so the preview server's bundle stays free of the content store.
//
// Headings use Be Vietnam Pro (self-hosted, two small subsets, preloaded); body text uses the
// system's own Vietnamese-capable fonts, which cost nothing to download on a cheap phone.
import headingFontLatin from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2?url';
import headingFontVietnamese from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2?url';
import type { SiteSettings } from '@loa/shared/schemas';
import { attr, attrValue, scriptJson, text } from './html.ts';
import { urls } from './urls.ts';

export interface FrameProps {
  settings: SiteSettings;
  /** Page title, without the site name. */
  title: string;
  description?: string;
  /** Extra RSS feed of this page (topic, officer), advertised beside the site feed. */
  feed?: { url: string; title: string };
  /** Which main menu item this page belongs to. */
  section?: 'home' | 'news' | 'areas' | 'officers' | 'search' | 'contact';
  /** Keep search engines away (previews). */
  noindex?: boolean;
  /** Language of the page (the English page says "en"). */
  lang?: string;
  /** Link-preview card for Facebook, Zalo and others: an article passes its cover and dates. */
  preview?: { type: 'article'; image?: { url: string; width: number; height: number; alt: string }; publishedTime?: string; modifiedTime?: string };
  /** Structured data (schema.org), e.g. NewsArticle. */
  jsonLd?: Record<string, unknown>;
}

const menu = [
  { href: urls.home, label: 'Trang chủ', key: 'home' },
  { href: urls.news, label: 'Tin tức', key: 'news' },
  { href: urls.areas, label: 'Chủ đề', key: 'areas' },
  { href: urls.officers, label: 'Cán bộ phụ trách', key: 'officers' },
  { href: urls.search, label: 'Tìm kiếm', key: 'search' },
  { href: urls.contact, label: 'Liên hệ', key: 'contact' },
] as const;

const meta = (name: string, content: string) => `<meta name="${name}" content="${attrValue(content)}">`;
const property = (name: string, content: string | number) => `<meta property="${name}" content="${attrValue(content)}">`;

/** Everything in `<head>` before the page's stylesheets, which Astro adds after it. */
export function frameHead(props: FrameProps, pathname: string, site: string | URL): string {
  const { settings, title, description, feed, section, noindex = false, lang = 'vi', preview, jsonLd } = props;
  const pageTitle = section === 'home' ? settings.siteTitle : `${title} | ${settings.siteTitle}`;
  const canonical = new URL(pathname, site).href;
  const image = preview?.image ? { ...preview.image, url: new URL(preview.image.url, site).href } : undefined;
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(pageTitle)}</title>`,
    description ? meta('description', description) : '',
    noindex ? '<meta name="robots" content="noindex, nofollow">' : '',
    `<link rel="canonical"${attr('href', canonical)}>`,
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    `<link rel="preload"${attr('href', headingFontLatin)} as="font" type="font/woff2" crossorigin>`,
    `<link rel="preload"${attr('href', headingFontVietnamese)} as="font" type="font/woff2" crossorigin>`,
    `<link rel="alternate" type="application/rss+xml"${attr('title', `${settings.siteTitle} - Tin mới`)}${attr('href', urls.feed)}>`,
    feed ? `<link rel="alternate" type="application/rss+xml"${attr('title', feed.title)}${attr('href', feed.url)}>` : '',
    '<link rel="sitemap" href="/sitemap-index.xml">',
    property('og:site_name', settings.siteTitle),
    property('og:locale', lang === 'en' ? 'en_US' : 'vi_VN'),
    property('og:title', title),
    property('og:url', canonical),
    property('og:type', preview?.type ?? 'website'),
    description ? property('og:description', description) : '',
    image
      ? property('og:image', image.url) +
        property('og:image:width', image.width) +
        property('og:image:height', image.height) +
        property('og:image:alt', image.alt)
      : '',
    preview?.publishedTime ? property('article:published_time', preview.publishedTime) : '',
    preview?.modifiedTime ? property('article:modified_time', preview.modifiedTime) : '',
    meta('twitter:card', image ? 'summary_large_image' : 'summary'),
    meta('twitter:title', title),
    description ? meta('twitter:description', description) : '',
    image ? meta('twitter:image', image.url) : '',
    jsonLd ? `<script type="application/ld+json">${scriptJson(jsonLd)}</script>` : '',
  ].join('');
}

/** The skip link, the site's name and the main menu. */
export function frameHeader(settings: SiteSettings, section: FrameProps['section']): string {
  const items = menu
    .map((item) => `<li><a${attr('href', item.href)}${item.key === section ? ' aria-current="page"' : ''}>${text(item.label)}</a></li>`)
    .join('');
  return (
    '<a class="skip-link" href="#noi-dung">Bỏ qua điều hướng, đến nội dung chính</a>' +
    '<header class="site-header"><div class="container">' +
    `<a class="site-header__title"${attr('href', urls.home)}><span class="site-header__name">${text(settings.siteTitle)}</span>` +
    (settings.tagline ? `<span class="site-header__tagline">${text(settings.tagline)}</span>` : '') +
    `</a><nav aria-label="Điều hướng chính"><ul class="site-nav">${items}</ul></nav></div></header>`
  );
}

/** The ward's name, address and contacts, and the site-wide links. */
export function frameFooter(settings: SiteSettings): string {
  const place = [settings.wardName, settings.parentUnitName, settings.cityName].filter(Boolean).join(', ');
  return (
    '<footer class="site-footer"><div class="container">' +
    `<p class="site-footer__name">Ủy ban nhân dân ${text(place)}</p>` +
    '<address>' +
    `<p>Địa chỉ: ${text(settings.address)}</p>` +
    `<p>Điện thoại: <a${attr('href', `tel:${settings.phone.replace(/[^\d+]/g, '')}`)}>${text(settings.phone)}</a> · ` +
    `Thư điện tử: <a${attr('href', `mailto:${settings.email}`)}>${text(settings.email)}</a></p>` +
    `<p>Người phụ trách: ${text(settings.contactOfficer.name)}, ${text(settings.contactOfficer.position)}</p>` +
    '</address>' +
    `<p><a${attr('href', urls.feed)}>Theo dõi tin mới qua RSS</a> · <a${attr('href', urls.archiveIndex)}>Lưu trữ</a> · <a${attr('href', urls.contact)}>Liên hệ</a> · ` +
    `<a${attr('href', urls.english)} lang="en" hreflang="en">English</a></p>` +
    '</div></footer>'
  );
}
