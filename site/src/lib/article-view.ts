// One article as residents read it, and the article cards of listings, as strings. The published
// page (src/lib/article-pages.ts), the draft preview (components/ArticleView.astro) and every
// listing (listing-pages.ts, and components/ArticleCard.astro on the home and archive pages)
// render through these functions, so an editor previews exactly the portal's design and a card
// looks the same everywhere.
import { getImage } from 'astro:assets';
import { formatDayPhrase, formatLongDate, isoDateInVietnam } from '@loa/shared/dates';
import type { DraftArticle } from '@loa/shared/schemas';
import QRCode from 'qrcode';
import articleToolsScript from '../scripts/article-tools.js?url&no-inline';
import { mediaUrl } from './cms.ts';
import { areaLabel, formatFileSize } from './format.ts';
import { attr, text } from './html.ts';
import { urls } from './urls.ts';

type Cover = NonNullable<DraftArticle['cover']>;

export type UsableCover = Cover & { image: { width: number; height: number } };

/** A cover with known dimensions: without them no responsive image can be made. */
export function usableCover(article: { cover?: DraftArticle['cover'] }): UsableCover | null {
  const cover = article.cover;
  return cover?.image.width && cover.image.height ? (cover as UsableCover) : null;
}

/**
 * A responsive `<img>` for a CMS image, as Astro's `<Image layout="constrained">` renders it: the
 * transforms are registered with Astro's image pipeline, which writes the files after the pages.
 */
export async function responsiveImage(options: { cover: UsableCover; alt: string; widths: number[]; sizes: string; eager?: boolean }): Promise<string> {
  const { cover, alt, widths, sizes, eager } = options;
  const image = await getImage({
    src: mediaUrl(cover.image.url),
    width: cover.image.width,
    height: cover.image.height,
    alt,
    widths,
    sizes,
    layout: 'constrained',
    ...(eager ? { loading: 'eager', fetchpriority: 'high' } : {}),
    fit: 'cover',
    position: 'center',
  } as Parameters<typeof getImage>[0]);
  const attributes: Record<string, unknown> = { ...(image.srcSet.values.length > 0 ? { srcset: image.srcSet.attribute } : {}), ...image.attributes };
  let html = `<img${attr('src', image.src)}`;
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class' || value == null || value === false) continue;
    html += value === true ? ` ${name}` : attr(name, value as string | number);
  }
  return `${html}>`;
}

/** A card's thumbnail: decorative, the card's title says what it shows. */
export function cardImageHtml(cover: UsableCover): Promise<string> {
  return responsiveImage({ cover, alt: '', widths: [192, 384], sizes: '(min-width: 40rem) 12rem, 100vw' });
}

/** The cover at the top of an article, loaded first: it is the largest thing on a phone's screen. */
export function coverImageHtml(cover: UsableCover): Promise<string> {
  return responsiveImage({ cover, alt: cover.alt, widths: [384, 720, 1080], sizes: '(min-width: 46rem) 44rem, 100vw', eager: true });
}

/** The fields of an article a card shows. */
export interface CardArticle {
  slug: string;
  title: string;
  summary: string;
  cover?: DraftArticle['cover'];
}

/** A listing's card: optional thumbnail, linked title, date and summary. */
export async function articleCardHtml(article: CardArticle, date: Date, options: { headingLevel?: 2 | 3; withImage?: boolean } = {}): Promise<string> {
  const { headingLevel = 2, withImage = true } = options;
  const cover = withImage ? usableCover(article) : null;
  const image = cover ? await cardImageHtml(cover) : '';
  return (
    `<article class="${cover ? 'card card--with-image' : 'card'}">${image}<div>` +
    `<h${headingLevel}><a${attr('href', urls.article(article.slug))}>${text(article.title)}</a></h${headingLevel}>` +
    `<p class="meta"><time${attr('datetime', date.toISOString())}>${text(formatLongDate(date))}</time></p>` +
    `<p>${text(article.summary)}</p></div></article>`
  );
}

export function breadcrumbHtml(items: { href?: string; label: string }[]): string {
  const entries = items.map(
    (item) => `<li>${item.href ? `<a${attr('href', item.href)}>${text(item.label)}</a>` : `<span aria-current="page">${text(item.label)}</span>`}</li>`,
  );
  return `<nav class="breadcrumb" aria-label="Vị trí trang"><ol>${entries.join('')}</ol></nav>`;
}

/**
 * "In bài" and "Lưu bài" (Decree 42/2022: print and save for every article). Both buttons stay
 * hidden until the script runs, so a reader without JavaScript never sees a dead button; the
 * browser's own print still gets the print layout (URL and QR code below the article). The script
 * is one file for all articles, cached after the first.
 */
async function articleToolsHtml(url: string, fileName: string): Promise<string> {
  // One byte-mode segment and a fixed mask: the library otherwise searches for the shortest mix of
  // encodings and scores all eight masks, 0.8 ms per article, most of a build's rendering time.
  // Any mask gives a valid code (the test decodes it).
  const qr = await QRCode.toString([{ data: Buffer.from(url), mode: 'byte' }], { type: 'svg', margin: 1, errorCorrectionLevel: 'M', maskPattern: 2 });
  return (
    `<div class="article-tools no-print" data-article-tools${attr('data-file-name', fileName)} hidden>` +
    '<button type="button" data-print>In bài</button><button type="button" data-save>Lưu bài</button></div>' +
    `<div class="print-only print-source"><div class="print-source__qr" aria-hidden="true">${qr}</div><p>Địa chỉ bài viết: ${text(url)}</p></div>` +
    `<script type="module"${attr('src', articleToolsScript)}></script>`
  );
}

const DAY = 24 * 3600 * 1000;

/**
 * The breadcrumb and the article. `publicUrl` is given for a published article: it adds the print
 * and save tools and the attributes the search index reads (site/integrations/search-index.ts
 * takes the data-search attributes and the text between the search-body comments); a preview,
 * which is never indexed, has neither. `inside` goes at the end of the article element.
 */
export async function articleViewHtml(options: { article: DraftArticle; bodyHtml: string; date: Date; publicUrl?: string; inside?: string }): Promise<string> {
  const { article: data, bodyHtml, date, publicUrl, inside = '' } = options;
  const updated = new Date(data.updatedAt);
  const cover = usableCover(data);
  let html = breadcrumbHtml([{ href: urls.home, label: 'Trang chủ' }, { href: urls.news, label: 'Tin tức' }, { label: data.title }]);
  html += '<article class="article"';
  if (publicUrl) html += attr('data-search-date', isoDateInVietnam(date)) + attr('data-search-areas', data.contentAreas.map((area) => area.slug).join(' '));
  html += `><h1 data-search="title">${text(data.title)}</h1>`;
  html += `<p class="meta"><time${attr('datetime', date.toISOString())} data-search="date">${text(formatLongDate(date))}</time>`;
  if (updated.getTime() - date.getTime() > DAY) html += ` · Cập nhật <time${attr('datetime', updated.toISOString())}>${text(formatLongDate(updated))}</time>`;
  html += '</p>';
  if (publicUrl) html += await articleToolsHtml(publicUrl, `${data.slug}.html`);
  html += `<p class="lead" data-search="summary">${text(data.summary)}</p>`;
  if (cover) {
    html += `<figure>${await coverImageHtml(cover)}</figure>`;
  }
  html += `<!--search-body--><div class="article__body">${bodyHtml}</div>`;
  if (data.legalReferences.length > 0) {
    html += '<aside aria-labelledby="van-ban-can-cu"><h2 id="van-ban-can-cu">Văn bản căn cứ</h2><ul>';
    for (const ref of data.legalReferences) {
      const label = [ref.documentNumber, ref.issuedOn ? formatDayPhrase(ref.issuedOn) : null, ref.issuer ? `của ${ref.issuer}` : null]
        .filter(Boolean)
        .join(' ');
      const cited = ref.url ? `<a${attr('href', ref.url)} rel="noopener noreferrer external">${text(label)}</a>` : `<strong>${text(label)}</strong>`;
      html += `<li>${cited}: ${text(ref.title)}</li>`;
    }
    html += '</ul></aside>';
  }
  if (data.attachments.length > 0) {
    html += '<aside aria-labelledby="tep-dinh-kem"><h2 id="tep-dinh-kem">Tệp đính kèm</h2><ul>';
    for (const file of data.attachments) {
      const kind = (file.ext ?? '').replace('.', '').toUpperCase();
      html += `<li><a${attr('href', urls.file(file.url))}${attr('download', file.name)}>${text(file.name)}</a><span class="meta"> (${text(kind)}, ${text(formatFileSize(file.size))})</span></li>`;
    }
    html += '</ul></aside>';
  }
  html += '<!--/search-body--><section aria-labelledby="phan-loai" class="panel"><h2 id="phan-loai">Thuộc nội dung tuyên truyền</h2><ul class="tags">';
  html += data.contentAreas.map((area) => `<li><a${attr('href', urls.area(area.slug))}>${text(areaLabel(area))}</a></li>`).join('');
  html += '</ul>';
  if (data.responsibleOfficer) {
    html += `<p>Cán bộ phụ trách: <a${attr('href', urls.officer(data.responsibleOfficer.slug))}>${text(data.responsibleOfficer.positionTitle)}</a></p>`;
  }
  if (data.channels.length > 0) html += `<p>Hình thức tuyên truyền: ${text(data.channels.map((channel) => channel.name).join('; '))}</p>`;
  html += `</section>${inside}</article>`;
  return html;
}
