// What a page tells its frame (src/layouts/Page.astro): its title, description, section,
// feed, link preview and structured data, and the main menu the frame shows.
import type { SiteSettings } from '@loa/shared/schemas';
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

/** The main menu, in order; `key` marks the page's own section. */
export const menu = [
  { href: urls.home, label: 'Trang chủ', key: 'home' },
  { href: urls.news, label: 'Tin tức', key: 'news' },
  { href: urls.areas, label: 'Chủ đề', key: 'areas' },
  { href: urls.officers, label: 'Cán bộ phụ trách', key: 'officers' },
  { href: urls.search, label: 'Tìm kiếm', key: 'search' },
  { href: urls.contact, label: 'Liên hệ', key: 'contact' },
] as const;
