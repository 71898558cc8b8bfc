// The built portal, checked as residents and feed readers get it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { search, type IndexLoader, type SearchFragment, type SearchMeta } from '@loa/shared/search';
import { foldDiacritics } from '@loa/shared/vietnamese';
import { listedArticleSlugs, listFiles, listingPages, loadPage, resolveUrlPath, urlPathOf } from '../lib/built-site.ts';

const portal = inject('portal');
const { distDir, published } = portal;
const files = listFiles(distDir);
const htmlFiles = files.filter((file) => file.endsWith('.html'));
const feedFiles = files.filter((file) => file.endsWith('rss.xml'));
const areaSlugs = [...new Set(published.flatMap((article) => article.areas))];
const officerSlugs = [...new Set(published.map((article) => article.officer))];

describe('published content', () => {
  it('builds a page for every published article and lists them all on /tin-tuc/', () => {
    expect(published.length).toBeGreaterThanOrEqual(24);
    for (const article of published) {
      expect(resolveUrlPath(distDir, `/tin-tuc/${article.slug}/`), article.slug).not.toBeNull();
    }
    const listed = listingPages(distDir, '/tin-tuc/').flatMap(listedArticleSlugs);
    expect(listed.sort()).toEqual(published.map((article) => article.slug).sort());
  });

  it('paginates /tin-tuc/ newest first, numbering pages from the oldest at /tin-tuc/trang/N/', () => {
    const pages = listingPages(distDir, '/tin-tuc/');
    expect(pages.length).toBe(Math.floor(published.length / 10));
    const dates = pages.flatMap(($) =>
      $('.card time')
        .map((_, el) => $(el).attr('datetime'))
        .get(),
    );
    expect(dates).toEqual([...dates].sort().reverse());
    // Page 1 holds the ten oldest articles, so it keeps them as news is published.
    const oldest = loadPage(distDir, '/tin-tuc/trang/1/');
    expect(oldest('h1').text()).toBe('Tin tức - trang 1');
    expect(listedArticleSlugs(oldest)).toEqual(listedArticleSlugs(pages[pages.length - 1]));
    expect(listedArticleSlugs(oldest)).toHaveLength(10);
    expect(oldest('.pagination a[rel="next"]')).toHaveLength(0);
    expect(pages[0]('.pagination [aria-current="page"]').text()).toBe('Mới nhất');
  });

  it('lists on every content-area page exactly the published articles tagged with it', () => {
    expect(areaSlugs.length).toBe(11);
    for (const area of areaSlugs) {
      const expected = published
        .filter((article) => article.areas.includes(area))
        .map((article) => article.slug)
        .sort();
      const listed = listingPages(distDir, `/chu-de/${area}/`).flatMap(listedArticleSlugs).sort();
      expect(listed, `/chu-de/${area}/`).toEqual(expected);
    }
  });

  it("lists on every officer's page exactly the published articles they are responsible for", () => {
    expect(officerSlugs.length).toBe(5);
    for (const officer of officerSlugs) {
      const expected = published
        .filter((article) => article.officer === officer)
        .map((article) => article.slug)
        .sort();
      const listed = listingPages(distDir, `/phu-trach/${officer}/`).flatMap(listedArticleSlugs).sort();
      expect(listed, `/phu-trach/${officer}/`).toEqual(expected);
    }
  });

  it('links the home page to every content area and shows the latest articles', () => {
    const $ = loadPage(distDir, '/');
    expect($('html').attr('lang')).toBe('vi');
    for (const area of areaSlugs) expect($(`a[href="/chu-de/${area}/"]`).length, area).toBeGreaterThan(0);
    expect(listedArticleSlugs($).length).toBeGreaterThanOrEqual(10);
    expect($('h1')).toHaveLength(1);
  });
});

describe('an article page', () => {
  // The plan's launch article has legal references, a cover and an attachment in the demo data.
  const article = published.find((item) => item.slug.includes('ban-hanh-ke-hoach-tuyen-truyen'))!;
  const $ = loadPage(distDir, `/tin-tuc/${article.slug}/`);

  it('shows title, Vietnamese date, summary and body', () => {
    expect($('h1').text()).toBe(article.title);
    expect($('article time').first().text()).toMatch(/^Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy), \d{1,2}\/\d{1,2}\/2024$/);
    expect($('.lead').text().length).toBeGreaterThan(50);
    expect($('.article__body p').length).toBeGreaterThan(2);
  });

  it('serves an optimised cover image with sizes, alt text and dimensions', () => {
    const img = $('article figure img');
    expect(img.attr('alt')?.length).toBeGreaterThan(10);
    expect(Number(img.attr('width'))).toBeGreaterThan(0);
    expect(Number(img.attr('height'))).toBeGreaterThan(0);
    const srcset = img.attr('srcset') ?? '';
    const candidates = srcset.split(',').map((candidate) => candidate.trim().split(' ')[0]);
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    for (const src of [img.attr('src')!, ...candidates]) {
      expect(src).toMatch(/\.webp$/);
      expect(resolveUrlPath(distDir, src), src).not.toBeNull();
    }
  });

  it('links its content areas and responsible officer', () => {
    for (const area of article.areas) expect($(`a[href="/chu-de/${area}/"]`).length, area).toBeGreaterThan(0);
    expect($(`a[href="/phu-trach/${article.officer}/"]`).length).toBe(1);
  });

  it('lists legal references and a downloadable attachment', () => {
    const references = $('#van-ban-can-cu')
      .parent()
      .find('li')
      .map((_, el) => $(el).text())
      .get();
    expect(references.some((text) => text.includes('66/KH-UBND') && text.includes('ngày 12/3/2024'))).toBe(true);
    const link = $('#tep-dinh-kem').parent().find('a').first();
    const file = resolveUrlPath(distDir, link.attr('href')!);
    expect(file).not.toBeNull();
    expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('what Decree 42/2022 asks of an article page', () => {
  const article = published.find((item) => item.slug.includes('ban-hanh-ke-hoach-tuyen-truyen'))!;
  const $ = loadPage(distDir, `/tin-tuc/${article.slug}/`);

  it('gives link previews, a canonical URL and NewsArticle structured data', () => {
    const url = `${portal.siteUrl}/tin-tuc/${article.slug}/`;
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="og:title"]').attr('content')).toBe(article.title);
    const image = $('meta[property="og:image"]').attr('content')!;
    expect(image.startsWith(`${portal.siteUrl}/_astro/`)).toBe(true);
    expect(resolveUrlPath(distDir, new URL(image).pathname)).not.toBeNull();
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text());
    expect(jsonLd).toMatchObject({ '@type': 'NewsArticle', headline: article.title, url, inLanguage: 'vi' });
    expect(Number.isNaN(Date.parse(jsonLd.datePublished))).toBe(false);
  });

  it('offers print and save, and prints its address with a QR code that scans', async () => {
    expect($('[data-article-tools] [data-print]').text()).toBe('In bài');
    expect($('[data-article-tools] [data-save]').text()).toBe('Lưu bài');
    expect($('[data-article-tools]').attr('hidden')).toBeDefined();
    const address = `${portal.siteUrl}/tin-tuc/${article.slug}/`;
    expect($('.print-source').text()).toContain(address);
    expect($('.print-source svg').length).toBe(1);
    // Rasterised as a printer would, then read as a phone camera would.
    const { data, info } = await sharp(Buffer.from($.html($('.print-source svg'))), { density: 300 })
      .flatten({ background: '#fff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(address);
  });

  it('links related articles from the same content areas, and the previous and next articles', () => {
    const related = listedArticleSlugs(load($('.related').html() ?? ''));
    expect(related.length).toBeGreaterThan(0);
    for (const slug of related) {
      const other = published.find((item) => item.slug === slug)!;
      expect(
        other.areas.some((area) => article.areas.includes(area)),
        slug,
      ).toBe(true);
    }
    expect($('.prev-next a[rel="prev"]').length + $('.prev-next a[rel="next"]').length).toBe(2);
  });
});

describe('portal pages', () => {
  it('publishes the plan with each content area and how many articles it has so far', () => {
    const $ = loadPage(distDir, '/ke-hoach/2024/');
    const rows = $('.summary-table tbody tr');
    expect(rows.length).toBe(11);
    for (const row of rows.toArray()) {
      const slug = /\/chu-de\/([^/]+)\//.exec($(row).find('a').attr('href')!)![1];
      const expected = published.filter((item) => item.areas.includes(slug)).length;
      expect(Number($(row).find('td').last().text()), slug).toBe(expected);
    }
    expect($('#phan-cong').parent().find('li').length).toBe(5);
  });

  it('archives articles by month', () => {
    const $ = loadPage(distDir, '/luu-tru/');
    const months = $('main a[href^="/luu-tru/2024/"]')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(months.length).toBe(12);
    const total = months.reduce((sum, href) => sum + listedArticleSlugs(loadPage(distDir, href)).length, 0);
    expect(total).toBe(published.length);
  });

  it('gives contacts, hotlines and related portals from the site settings', () => {
    const $ = loadPage(distDir, '/lien-he/');
    expect($('main').text()).toContain('Đường dây nóng');
    expect($('a[href^="tel:"]').length).toBeGreaterThan(2);
    expect($('a[href="https://dichvucong.gov.vn"]').text()).toBe('Cổng Dịch vụ công quốc gia');
  });

  it('has an English page about the ward with its contacts', () => {
    const $ = loadPage(distDir, '/en/');
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toContain("People's Committee");
    expect($('main').text()).toContain('Functions and duties');
    expect($('main a[href^="mailto:"]').length).toBeGreaterThan(0);
  });

  it('lists every published article in the sitemap and nothing else of theirs', () => {
    const index = readFileSync(resolveUrlPath(distDir, '/sitemap-index.xml')!, 'utf8');
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
    const urls = sitemaps.flatMap((path) =>
      [...readFileSync(resolveUrlPath(distDir, path)!, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]),
    );
    for (const article of published) expect(urls).toContain(`${portal.siteUrl}/tin-tuc/${article.slug}/`);
    for (const slug of portal.draftSlugs) expect(urls.some((url) => url.includes(slug))).toBe(false);
    expect(urls.some((url) => url.includes('xem-truoc'))).toBe(false);
  });

  it('builds a search index of exactly the published articles, which finds them and no draft', async () => {
    expect(resolveUrlPath(distDir, '/tim-kiem/')).not.toBeNull();
    const indexDir = join(distDir, 'tim-kiem', 'du-lieu');
    const meta = JSON.parse(readFileSync(join(indexDir, 'meta.json'), 'utf8')) as SearchMeta & { folder: string };
    const load: IndexLoader = async (path) => JSON.parse(readFileSync(join(indexDir, meta.folder, path), 'utf8'));
    expect(meta.count).toBe(published.length);
    const fragments = new Map(
      readdirSync(join(indexDir, 'f'))
        .filter((name) => name.endsWith('.json'))
        .map((name) => [Number.parseInt(name, 10), JSON.parse(readFileSync(join(indexDir, 'f', name), 'utf8')) as SearchFragment]),
    );
    expect([...fragments.values()].map((fragment) => fragment.url).sort()).toEqual(published.map((article) => `/tin-tuc/${article.slug}/`).sort());
    // A result shows the article's title, date and opening words, as its page does.
    for (const fragment of fragments.values()) {
      const $ = loadPage(distDir, fragment.url);
      expect(fragment.title).toBe($('h1').text());
      expect(fragment.dateLabel).toBe($('.article .meta time').first().text());
      expect(fragment.text.startsWith(`${$('.lead').text()}\n`), fragment.url).toBe(true);
    }
    const urls = (ids: number[]) => ids.map((id) => fragments.get(id)!.url);
    for (const article of published.slice(0, 5)) {
      const { ids } = await search(foldDiacritics(article.title), {}, meta, load);
      expect(urls(ids), article.title).toContain(`/tin-tuc/${article.slug}/`);
      const area = article.areas[0];
      expect(urls((await search(article.title, { area }, meta, load)).ids)).toContain(`/tin-tuc/${article.slug}/`);
    }
    // The drafts' own numbers ("4417", "9052") are in no published article.
    for (const marker of portal.draftMarkers.slice(0, 2)) expect((await search(marker, {}, meta, load)).ids, marker).toEqual([]);
  });
});

describe('drafts', () => {
  it('appear in no page, feed or file of the portal', () => {
    for (const file of files.filter((path) => /\.(html|xml|json|txt)$/.test(path))) {
      const text = readFileSync(file, 'utf8');
      for (const marker of portal.draftMarkers) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
      for (const slug of portal.draftSlugs) expect(text.includes(slug), `${slug} in ${file}`).toBe(false);
    }
    for (const slug of portal.draftSlugs) expect(resolveUrlPath(distDir, `/tin-tuc/${slug}/`)).toBeNull();
  });

  it("never ship a draft's cover image or attachments", () => {
    // The seed names each cover after its article's slug; Strapi and Astro keep that prefix.
    const draftPrefixes = portal.draftSlugs.map((slug) => `anh_bia_${slug.slice(0, 40).replace(/-/g, '_')}`);
    const names = files.map((file) => file.slice(distDir.length));
    for (const prefix of draftPrefixes)
      expect(
        names.filter((name) => name.includes(prefix)),
        prefix,
      ).toEqual([]);
    const publishedPrefix = `anh_bia_${published[0].slug.slice(0, 40).replace(/-/g, '_')}`;
    expect(
      names.some((name) => name.includes(publishedPrefix)),
      'the check sees published covers',
    ).toBe(true);
  });
});

describe('RSS feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'category' });

  it('exist for the site, every content area and every officer', () => {
    const paths = feedFiles.map((file) => urlPathOf(distDir, file));
    expect(paths).toContain('/rss.xml');
    for (const area of areaSlugs) expect(paths).toContain(`/chu-de/${area}/rss.xml`);
    for (const officer of officerSlugs) expect(paths).toContain(`/phu-trach/${officer}/rss.xml`);
  });

  it('parse as RSS 2.0 with absolute links, dates and categories that lead to built pages', () => {
    for (const file of feedFiles) {
      const xml = readFileSync(file, 'utf8');
      expect(XMLValidator.validate(xml), file).toBe(true);
      const rss = parser.parse(xml).rss;
      expect(rss['@_version']).toBe('2.0');
      const items = rss.channel.item ?? [];
      expect(items.length, file).toBeGreaterThan(0);
      for (const item of items) {
        const link = new URL(item.link);
        expect(link.origin).toBe(portal.siteUrl);
        expect(resolveUrlPath(distDir, link.pathname), item.link).not.toBeNull();
        expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
        expect(item.category.length).toBeGreaterThan(0);
      }
    }
  });

  it('are advertised in the head of their topic and officer pages', () => {
    const $ = loadPage(distDir, `/chu-de/${areaSlugs[0]}/`);
    const feeds = $('link[rel="alternate"][type="application/rss+xml"]')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(feeds).toEqual(['/rss.xml', `/chu-de/${areaSlugs[0]}/rss.xml`]);
  });
});

describe('links', () => {
  it('every internal link, image and stylesheet of the built site resolves', () => {
    const broken: string[] = [];
    for (const file of htmlFiles) {
      const $ = load(readFileSync(file, 'utf8'));
      const page = urlPathOf(distDir, file);
      const refs = [
        ...$('a[href]')
          .map((_, el) => $(el).attr('href'))
          .get(),
        ...$('link[href]')
          .map((_, el) => $(el).attr('href'))
          .get(),
        ...$('img[src], script[src]')
          .map((_, el) => $(el).attr('src'))
          .get(),
        ...$('img[srcset]')
          .map((_, el) => ($(el).attr('srcset') ?? '').split(',').map((part) => part.trim().split(' ')[0]))
          .get(),
      ];
      for (const ref of refs) {
        if (/^(https?:|mailto:|tel:|#)/.test(ref) || !ref) continue;
        const target = new URL(ref, `http://portal${page}`).pathname;
        if (!resolveUrlPath(distDir, target)) broken.push(`${page} → ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('builds no optimised image that no page or feed uses', () => {
    // Each one costs build time and disk on every build; a cover's link-preview JPEG once came
    // with a srcset of eight more that nothing referred to.
    const used = new Set<string>();
    for (const file of htmlFiles.concat(feedFiles)) {
      for (const [path] of readFileSync(file, 'utf8').matchAll(/\/_astro\/[^"'\s,)]+/g)) used.add(path);
    }
    const images = files.map((file) => urlPathOf(distDir, file)).filter((path) => path.startsWith('/_astro/') && /\.(webp|jpe?g|png|avif)$/.test(path));
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((path) => !used.has(path))).toEqual([]);
  });

  it('has no link back to the private CMS', () => {
    const cmsHost = new URL(portal.cmsUrl).host;
    for (const file of htmlFiles.concat(feedFiles)) {
      expect(readFileSync(file, 'utf8').includes(cmsHost), file).toBe(false);
    }
  });
});

describe("the builder's next build", () => {
  const { rebuiltDistDir } = portal;
  const relative = (dir: string) =>
    listFiles(dir)
      .map((file) => file.slice(dir.length))
      .sort();

  it("writes the same portal from Astro's incremental cache: pages, styles, images, feeds and search index", () => {
    const ours = relative(distDir);
    expect(ours.filter((file) => file.startsWith('/_astro/') && /\.(webp|jpe?g|png|avif)$/.test(file)).length).toBeGreaterThan(0);
    expect(relative(rebuiltDistDir)).toEqual(ours);
    const differing = ours.filter((file) => !readFileSync(distDir + file).equals(readFileSync(rebuiltDistDir + file)));
    expect(differing).toEqual([]);
  });

  it('is the portal Astro writes with its experimental incremental build turned off', () => {
    const { plainDistDir } = portal;
    const ours = relative(distDir);
    expect(relative(plainDistDir)).toEqual(ours);
    const differing = ours.filter((file) => !readFileSync(distDir + file).equals(readFileSync(plainDistDir + file)));
    expect(differing).toEqual([]);
  });
});
