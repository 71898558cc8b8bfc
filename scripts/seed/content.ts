// Reads the demo content from readable files: the plan's taxonomy (plan-2024.yaml), the plan's
// text (plan-2024.md) and one Markdown file per demo article (articles/*.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { slugify } from '@loa/shared/slug';
import { normalizeText } from '@loa/shared/vietnamese';

const text = z.string().transform(normalizeText);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const planFileSchema = z.object({
  plan: z.object({
    year: z.number().int(),
    number: text.nullable(),
    issuedOn: isoDate.nullable(),
    issuer: text,
    title: text,
    signer: text.nullable(),
    bodyFile: z.string(),
  }),
  contentAreas: z.array(z.object({ letter: text, shortTitle: text, fullText: text })).min(1),
  channels: z.array(z.object({ slug: z.string(), name: text, description: text })).min(1),
  responsibleOfficers: z.array(z.object({ slug: z.string(), positionTitle: text, duties: text })).min(1),
  siteSettings: z.object({
    wardName: text,
    parentUnitName: text.nullable(),
    cityName: text,
    reportRecipient: text.nullable(),
    siteTitle: text,
    tagline: text.nullable(),
    address: text,
    phone: text,
    email: z.email(),
    contactOfficer: z.object({ name: text, position: text, phone: text, email: z.email() }),
    hotlines: z.array(z.object({ label: text, phone: text, note: text.nullable().optional() })),
    socialLinks: z.array(z.object({ network: z.enum(['facebook', 'zalo', 'youtube', 'other']), label: text, url: z.url() })),
    relatedLinks: z.array(z.object({ label: text, url: z.url() })),
    nameEn: text,
    aboutEn: text,
  }),
});

const articleFrontMatterSchema = z.object({
  title: text,
  slug: z.string().optional(),
  publishedAt: z.iso.datetime({ offset: true }),
  summary: text.pipe(z.string().max(300)),
  areas: z.array(z.string()).min(1),
  officer: z.string(),
  channels: z.array(z.string()).default([]),
  featured: z.boolean().default(false),
  coverAlt: text.optional(),
  attachment: z.boolean().default(false),
  status: z.enum(['published', 'draft']).default('published'),
  legalReferences: z.array(z.object({ number: text, date: isoDate.optional(), issuer: text.optional(), title: text, url: z.url().optional() })).default([]),
});

export type PlanFile = z.infer<typeof planFileSchema>;

const activitySchema = z.object({
  title: text,
  startDate: isoDate,
  endDate: isoDate.optional(),
  channel: z.string(),
  areas: z.array(z.string()).min(1),
  officer: z.string(),
  quantity: z.number().int().min(0),
  unit: z.string(),
  place: text.optional(),
  notes: text.optional(),
  article: z.string().optional(),
  confirmed: z.boolean(),
});
export type DemoActivity = z.infer<typeof activitySchema>;

export function readDemoActivities(seedDir: string, name = 'activities-2024.yaml'): DemoActivity[] {
  return z.array(activitySchema).parse(parse(readFileSync(join(seedDir, name), 'utf8')));
}
export type DemoArticle = z.infer<typeof articleFrontMatterSchema> & { slug: string; body: string; file: string };

export function readPlanFile(seedDir: string, name = 'plan-2024.yaml'): PlanFile & { body: string } {
  const parsed = planFileSchema.parse(parse(readFileSync(join(seedDir, name), 'utf8')));
  return { ...parsed, body: normalizeText(readFileSync(join(seedDir, parsed.plan.bodyFile), 'utf8')) };
}

export function readDemoArticles(articlesDir: string): DemoArticle[] {
  return readdirSync(articlesDir)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const source = readFileSync(join(articlesDir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
      if (!match) throw new Error(`${file}: missing YAML front matter`);
      const result = articleFrontMatterSchema.safeParse(parse(match[1]));
      if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
      const front = result.data;
      return { ...front, slug: front.slug ?? slugify(front.title), body: normalizeText(match[2]), file };
    });
}
