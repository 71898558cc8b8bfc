// The shapes of the CMS's public REST answers (Strapi 5: flat documents, no `attributes`), as the
// site reads them. Validating here means a malformed entry stops the build with the entry and
// the field named, instead of rendering a broken page.
import { z } from 'zod';
import { isSafeLink } from './links.ts';

const text = z.string().transform((value) => value.normalize('NFC'));
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value.normalize('NFC') : null));
/** A link residents may follow: http(s), mailto or tel only (links.ts). */
const link = z.string().refine(isSafeLink, 'link must be an http(s), mailto: or tel: address');
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lower-case ASCII words joined by hyphens');

export const mediaSchema = z.object({
  url: z.string().min(1),
  name: z.string(),
  alternativeText: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  ext: z.string().nullish(),
  mime: z.string(),
  size: z.number(),
});

export const contentAreaSchema = z.object({
  documentId: z.string(),
  slug,
  letter: text,
  shortTitle: text,
  fullText: text,
  order: z.number().int(),
  plan: z.object({ year: z.number().int(), title: text }).nullish(),
});

export const channelSchema = z.object({
  documentId: z.string(),
  slug,
  name: text,
  description: optionalText,
  order: z.number().int(),
});

export const responsibleOfficerSchema = z.object({
  documentId: z.string(),
  slug,
  positionTitle: text,
  duties: text,
  holderName: optionalText,
  phone: optionalText,
  email: optionalText,
  order: z.number().int(),
});

export const legalReferenceSchema = z.object({
  documentNumber: text,
  issuedOn: z.iso.date().nullish(),
  issuer: optionalText,
  title: text,
  url: link.nullish(),
});

export const articleSchema = z.object({
  documentId: z.string(),
  title: text.pipe(z.string().min(1)),
  slug,
  summary: text.pipe(z.string().min(1).max(300)),
  body: text,
  featured: z.boolean().nullish().transform(Boolean),
  firstPublishedAt: z.iso.datetime({ offset: true }).nullish(),
  publishedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  cover: z.object({ alt: text.pipe(z.string().min(1)), image: mediaSchema }).nullish(),
  contentAreas: z.array(contentAreaSchema.pick({ slug: true, letter: true, shortTitle: true, order: true })).min(1, 'at least one content area'),
  responsibleOfficer: responsibleOfficerSchema.pick({ slug: true, positionTitle: true }),
  channels: z.array(channelSchema.pick({ slug: true, name: true })),
  legalReferences: z.array(legalReferenceSchema),
  attachments: z
    .array(mediaSchema)
    .nullish()
    .transform((value) => value ?? []),
  /** Media-library files the body shows or links to (/uploads/…), noted by the site's loader. */
  bodyFiles: z.array(z.string()).default([]),
});

/**
 * A draft as the preview shows it: tagging may still be missing (the publish rules require it
 * only when publishing), and it may never have been published.
 */
export const draftArticleSchema = articleSchema.extend({
  publishedAt: z.iso.datetime({ offset: true }).nullish(),
  contentAreas: articleSchema.shape.contentAreas.unwrap().array().default([]),
  responsibleOfficer: articleSchema.shape.responsibleOfficer.nullish(),
  legalReferences: z
    .array(legalReferenceSchema)
    .nullish()
    .transform((value) => value ?? []),
  channels: articleSchema.shape.channels.nullish().transform((value) => value ?? []),
});

export const planSchema = z.object({
  documentId: z.string(),
  year: z.number().int(),
  number: optionalText,
  issuedOn: z.iso.date().nullish(),
  issuer: text,
  title: text,
  signer: optionalText,
  body: text,
  attachment: mediaSchema.nullish(),
});

export const siteSettingsSchema = z.object({
  wardName: text,
  parentUnitName: optionalText,
  cityName: text,
  reportRecipient: optionalText,
  siteTitle: text,
  tagline: optionalText,
  address: text,
  phone: text,
  email: text,
  contactOfficer: z.object({ name: text, position: text, phone: text, email: text }),
  hotlines: z.array(z.object({ label: text, phone: text, note: optionalText })),
  socialLinks: z.array(z.object({ network: z.string(), label: text, url: link })),
  relatedLinks: z
    .array(z.object({ label: text, url: link }))
    .nullish()
    .transform((value) => value ?? []),
  /** Name and description for the English page (functions, organisation). */
  nameEn: optionalText,
  aboutEn: optionalText,
});

export type Media = z.infer<typeof mediaSchema>;
export type ContentArea = z.infer<typeof contentAreaSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ResponsibleOfficer = z.infer<typeof responsibleOfficerSchema>;
export type LegalReference = z.infer<typeof legalReferenceSchema>;
export type Article = z.infer<typeof articleSchema>;
export type DraftArticle = z.infer<typeof draftArticleSchema>;
export type Plan = z.infer<typeof planSchema>;
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** "field.path: message; …" for a failed parse, for build errors officers and developers read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
}
