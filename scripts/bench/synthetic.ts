// Synthetic articles for benchmarks: realistic Vietnamese text of normal length, assembled
// deterministically from the sentences of the demo articles, tagged across the plan's content
// areas, officers and channels, with a cover on some of them.
import { join } from 'node:path';
import { markdownToText } from '@loa/shared/markdown';
import { slugify } from '@loa/shared/slug';
import { seedDir } from '../lib/paths.ts';
import { readDemoArticles } from '../seed/content.ts';
import { makeCoverImage } from '../seed/media.ts';
import type { Strapi } from '../cms/strapi-types.ts';

const ARTICLE = 'api::article.article';

/** Small deterministic PRNG (mulberry32), so two runs build the same corpus. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus() {
  const demo = readDemoArticles(join(seedDir, 'articles'));
  const sentences = demo.flatMap((article) => markdownToText(article.body).split(/(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])/u)).filter((s) => s.length > 40);
  const headings = demo.flatMap((article) => [...article.body.matchAll(/^## (.+)$/gm)].map((match) => match[1]));
  return { titles: demo.map((article) => article.title), summaries: demo.map((article) => article.summary), sentences, headings };
}

export interface SyntheticArticle {
  title: string;
  slug: string;
  summary: string;
  body: string;
  areaIndexes: number[];
  officerIndex: number;
  channelIndexes: number[];
  withCover: boolean;
  firstPublishedAt: string;
}

/** Article number `n` of the synthetic corpus (about 450 words, 2 to 4 sections). */
export function syntheticArticles(count: number, { areas = 11, officers = 5, channels = 7, seed = 2024, offset = 0 } = {}): SyntheticArticle[] {
  const { titles, summaries, sentences, headings } = corpus();
  const out: SyntheticArticle[] = [];
  for (let n = offset; n < offset + count; n++) {
    const next = random(seed + n);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const base = pick(titles);
    const title = `${base} (số ${n + 1})`;
    const paragraphs: string[] = [];
    const sections = 2 + Math.floor(next() * 3);
    for (let s = 0; s < sections; s++) {
      if (s > 0) paragraphs.push(`## ${pick(headings)}`);
      for (let p = 0; p < 2; p++) paragraphs.push(Array.from({ length: 3 + Math.floor(next() * 3) }, () => pick(sentences)).join(' '));
    }
    const areaIndexes = [...new Set([Math.floor(next() * areas), Math.floor(next() * areas)])];
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 365 * 24) * 3600 * 1000);
    out.push({
      title,
      slug: `${slugify(base, 60)}-so-${n + 1}`,
      summary: pick(summaries),
      body: paragraphs.join('\n\n'),
      areaIndexes,
      officerIndex: Math.floor(next() * officers),
      channelIndexes: [Math.floor(next() * channels)],
      withCover: n % 10 === 0,
      firstPublishedAt: day.toISOString(),
    });
  }
  return out;
}

/** Inserts and publishes synthetic articles through Strapi's document service. */
export async function seedSyntheticArticles(strapi: Strapi, count: number, log: (message: string) => void): Promise<void> {
  const existing = await strapi
    .documents(ARTICLE)
    .findMany({ status: 'published', fields: ['id'], limit: 1, filters: { slug: { $endsWith: `-so-${count}` } } });
  if (existing.length) return;
  const areas = await strapi.documents('api::content-area.content-area').findMany({ sort: 'order', fields: ['id'] });
  const officers = await strapi.documents('api::responsible-officer.responsible-officer').findMany({ sort: 'order', fields: ['id'] });
  const channels = await strapi.documents('api::channel.channel').findMany({ sort: 'order', fields: ['id'] });
  const { mkdtempSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-covers-'));
  const covers: number[] = [];
  for (let i = 0; i < 8; i++) {
    const path = await makeCoverImage(`bench-${i}`, dir);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: `bench-${i}.jpg`, alternativeText: 'Ảnh minh họa' } },
        files: { filepath: path, originalFilename: `bench-${i}.jpg`, mimetype: 'image/jpeg', size: statSync(path).size },
      });
    covers.push(file.id);
  }
  const started = Date.now();
  const articles = syntheticArticles(count, { areas: areas.length, officers: officers.length, channels: channels.length });
  for (const [i, article] of articles.entries()) {
    const document = await strapi.documents(ARTICLE).create({
      data: {
        title: article.title,
        slug: article.slug,
        summary: article.summary,
        body: article.body,
        firstPublishedAt: article.firstPublishedAt,
        contentAreas: article.areaIndexes.map((index) => areas[index].documentId),
        responsibleOfficer: officers[article.officerIndex].documentId,
        channels: article.channelIndexes.map((index) => channels[index].documentId),
        cover: article.withCover ? { image: covers[i % covers.length], alt: 'Ảnh minh họa hoạt động cải cách hành chính' } : null,
      },
    });
    await strapi.documents(ARTICLE).publish({ documentId: document.documentId });
    if ((i + 1) % 1000 === 0) log(`synthetic articles: ${i + 1}/${count} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}
