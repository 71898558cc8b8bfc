// Seeds the plan, its taxonomy, the site settings and the demo articles into a loaded Strapi.
//
// Idempotent by natural keys (plan year, slugs): a second run creates only what is missing and
// never overwrites what officers have edited since. Once a seed version completes it is recorded
// in Strapi's store, so demo entries an editor deleted on purpose do not come back.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { markdownToText } from '@loa/shared/markdown';
import { slugify } from '@loa/shared/slug';
import { seedDir } from '../lib/paths.ts';
import type { Strapi } from '../cms/strapi-types.ts';
import { readDemoActivities, readDemoArticles, readPlanFile, type DemoArticle } from './content.ts';
import { makeCoverImage, makePdf } from './media.ts';

const SEED_VERSION = 'demo-2024-v1';
const store = { type: 'core', name: 'loa-phuong', key: 'demo-seed' } as const;

const uids = {
  plan: 'api::plan.plan',
  contentArea: 'api::content-area.content-area',
  channel: 'api::channel.channel',
  officer: 'api::responsible-officer.responsible-officer',
  article: 'api::article.article',
  settings: 'api::site-setting.site-setting',
} as const;

export interface SeedOptions {
  /** Extra article files to seed, e.g. a test's own fixtures. */
  articlesDir?: string;
  log?: (message: string) => void;
}

export interface SeedReport {
  skipped: boolean;
  created: Record<string, number>;
}

async function findBy(strapi: Strapi, uid: string, filters: Record<string, unknown>) {
  return strapi.documents(uid).findFirst({ filters, status: 'draft' });
}

async function uploadFile(strapi: Strapi, path: string, mimetype: string, alternativeText: string | null, caption: string | null) {
  const name = basename(path);
  const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name } });
  if (existing) return existing;
  const [file] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { name, alternativeText, caption } },
      files: { filepath: path, originalFilename: name, mimetype, size: statSync(path).size },
    });
  return file;
}

export async function seedDemoContent(strapi: Strapi, options: SeedOptions = {}): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const done = await strapi.store.get(store);
  const articles = readDemoArticles(join(seedDir, 'articles'));
  if (options.articlesDir) articles.push(...readDemoArticles(options.articlesDir));
  const data = readPlanFile(seedDir);
  await fillNewSettingsFields(strapi, data.siteSettings);
  if (done === SEED_VERSION && !options.articlesDir) {
    // Databases seeded before activities existed get them once.
    const activities = await seedDemoActivities(strapi, articles);
    return { skipped: true, created: activities ? { activity: activities } : {} };
  }

  const created: Record<string, number> = {};
  const count = (kind: string) => (created[kind] = (created[kind] ?? 0) + 1);
  const workDir = mkdtempSync(join(tmpdir(), 'loa-seed-'));
  try {
    let plan = await findBy(strapi, uids.plan, { year: data.plan.year });
    if (!plan) {
      const attachmentPath = await makePdf(`ke-hoach-tuyen-truyen-cchc-${data.plan.year}.pdf`, workDir, data.plan.title, [
        data.plan.issuer,
        ...markdownToText(data.body)
          .split(/(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ])/u)
          .slice(0, 40),
      ]);
      const attachment = await uploadFile(strapi, attachmentPath, 'application/pdf', null, data.plan.title);
      const { bodyFile: _bodyFile, ...fields } = data.plan;
      plan = await strapi.documents(uids.plan).create({ data: { ...fields, body: data.body, attachment: attachment.id } });
      count('plan');
    }

    const areaIds = new Map<string, string>();
    for (const [order, area] of data.contentAreas.entries()) {
      let entry = await strapi.documents(uids.contentArea).findFirst({ filters: { letter: area.letter, plan: { documentId: plan.documentId } } });
      if (!entry) {
        entry = await strapi.documents(uids.contentArea).create({
          data: { ...area, slug: slugify(area.shortTitle), order, plan: plan.documentId },
        });
        count('contentArea');
      }
      areaIds.set(area.letter, entry.documentId);
    }

    const channelIds = new Map<string, string>();
    for (const [order, channel] of data.channels.entries()) {
      let entry = await findBy(strapi, uids.channel, { slug: channel.slug });
      if (!entry) {
        entry = await strapi.documents(uids.channel).create({ data: { ...channel, order } });
        count('channel');
      }
      channelIds.set(channel.slug, entry.documentId);
    }

    const officerIds = new Map<string, string>();
    for (const [order, officer] of data.responsibleOfficers.entries()) {
      let entry = await findBy(strapi, uids.officer, { slug: officer.slug });
      if (!entry) {
        entry = await strapi.documents(uids.officer).create({ data: { ...officer, order } });
        count('officer');
      }
      officerIds.set(officer.slug, entry.documentId);
    }

    if (!(await strapi.documents(uids.settings).findFirst({}))) {
      await strapi.documents(uids.settings).create({ data: data.siteSettings });
      count('settings');
    }

    for (const article of articles) {
      if (await findBy(strapi, uids.article, { slug: article.slug })) continue;
      await createArticle(strapi, article, { areaIds, channelIds, officerIds, workDir });
      count(article.status === 'draft' ? 'draftArticle' : 'article');
      log(`seeded ${article.file}`);
    }
    const activities = await seedDemoActivities(strapi, articles);
    if (activities) created.activity = activities;
    if (!options.articlesDir) await strapi.store.set({ ...store, value: SEED_VERSION });
    return { skipped: false, created };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const activitiesStore = { type: 'core', name: 'loa-phuong', key: 'demo-activities' } as const;

/**
 * The demo activities off the portal (activities-2024.yaml), once: an activity an officer deletes
 * stays deleted. They go through the document service, so the activity rules check them too.
 * Returns how many were created.
 */
async function seedDemoActivities(strapi: Strapi, articles: DemoArticle[]): Promise<number> {
  if (await strapi.store.get(activitiesStore)) return 0;
  let created = 0;
  for (const activity of readDemoActivities(seedDir)) {
    const one = async (uid: string, filters: Record<string, unknown>) => {
      const entry = await strapi.documents(uid).findFirst({ filters });
      if (!entry) throw new Error(`Demo activity "${activity.title}": no ${uid} with ${JSON.stringify(filters)}`);
      return { documentId: entry.documentId };
    };
    const year = Number(activity.startDate.slice(0, 4));
    const areas = await Promise.all(activity.areas.map((letter) => one(uids.contentArea, { letter, plan: { year } })));
    await strapi.documents('api::activity.activity').create({
      data: {
        title: activity.title,
        startDate: activity.startDate,
        endDate: activity.endDate ?? null,
        channel: { connect: [await one(uids.channel, { slug: activity.channel })] },
        contentAreas: { connect: areas },
        responsibleOfficer: { connect: [await one(uids.officer, { slug: activity.officer })] },
        quantity: activity.quantity,
        unit: activity.unit,
        place: activity.place ?? null,
        notes: activity.notes ?? null,
        ...(activity.article
          ? { article: { connect: [await one(uids.article, { slug: articles.find((article) => article.file === `${activity.article}.md`)?.slug })] } }
          : {}),
        confirmed: activity.confirmed,
      },
    });
    created++;
  }
  await strapi.store.set({ ...activitiesStore, value: true });
  return created;
}

/** Settings fields added after a database was seeded are filled in, never overwritten. */
async function fillNewSettingsFields(strapi: Strapi, seed: ReturnType<typeof readPlanFile>['siteSettings']) {
  const settings = await strapi.documents(uids.settings).findFirst({ populate: ['relatedLinks'] });
  if (!settings) return;
  const empty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  const fields = (['nameEn', 'aboutEn', 'relatedLinks'] as const).filter((field) => empty(settings[field]));
  if (fields.length) {
    await strapi.documents(uids.settings).update({ documentId: settings.documentId, data: Object.fromEntries(fields.map((field) => [field, seed[field]])) });
  }
}

interface Lookups {
  areaIds: Map<string, string>;
  channelIds: Map<string, string>;
  officerIds: Map<string, string>;
  workDir: string;
}

function lookup(map: Map<string, string>, key: string, what: string, article: DemoArticle): string {
  const id = map.get(key);
  if (!id) throw new Error(`${article.file}: unknown ${what} "${key}"`);
  return id;
}

async function createArticle(strapi: Strapi, article: DemoArticle, ids: Lookups) {
  const coverPath = await makeCoverImage(article.slug.slice(0, 60), ids.workDir);
  const cover = await uploadFile(strapi, coverPath, 'image/jpeg', article.coverAlt ?? article.title, null);
  const attachments = [];
  if (article.attachment) {
    const pdf = await makePdf(`${article.slug.slice(0, 60)}.pdf`, ids.workDir, article.title, [
      article.summary,
      ...markdownToText(article.body).split(/(?<=\.)\s+/u),
    ]);
    attachments.push((await uploadFile(strapi, pdf, 'application/pdf', null, article.title)).id);
  }
  const document = await strapi.documents(uids.article).create({
    data: {
      title: article.title,
      slug: article.slug,
      summary: article.summary,
      body: article.body,
      featured: article.featured,
      // The demo spreads articles over the plan's year; the portal dates articles by this field.
      firstPublishedAt: article.publishedAt,
      cover: { image: cover.id, alt: article.coverAlt ?? article.title },
      contentAreas: article.areas.map((letter) => lookup(ids.areaIds, letter, 'content area', article)),
      responsibleOfficer: lookup(ids.officerIds, article.officer, 'officer', article),
      channels: article.channels.map((slug) => lookup(ids.channelIds, slug, 'channel', article)),
      legalReferences: article.legalReferences.map((ref) => ({
        documentNumber: ref.number,
        issuedOn: ref.date ?? null,
        issuer: ref.issuer ?? null,
        title: ref.title,
        url: ref.url ?? null,
      })),
      attachments,
    },
  });
  if (article.status === 'published') {
    await strapi.documents(uids.article).publish({ documentId: document.documentId });
  }
}
