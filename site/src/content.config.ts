import { defineCollection } from 'astro:content';
import { articleSchema, channelSchema, contentAreaSchema, planSchema, responsibleOfficerSchema, siteSettingsSchema } from '@loa/shared/schemas';
import { articleQuery, mediaQuery as media, settingsQuery } from './lib/queries.ts';
import { strapiLoader } from './lib/strapi-loader.ts';

// Each collection populates exactly the relations its pages show.
export const collections = {
  articles: defineCollection({
    loader: strapiLoader({
      path: 'articles',
      markdownField: 'body',
      bodiesOutside: true,
      // Thousands of articles: fetch only what changed since the last build.
      incremental: {
        dependsOn: [
          { path: 'content-areas', fields: ['slug', 'letter', 'shortTitle', 'order'] },
          { path: 'responsible-officers', fields: ['slug', 'positionTitle'] },
          { path: 'channels', fields: ['slug', 'name'] },
        ],
      },
      query: articleQuery,
    }),
    schema: articleSchema,
  }),
  contentAreas: defineCollection({
    loader: strapiLoader({
      path: 'content-areas',
      markdownField: 'fullText',
      query: {
        fields: ['slug', 'letter', 'shortTitle', 'fullText', 'order'],
        populate: { plan: { fields: ['year', 'title'] } },
      },
    }),
    schema: contentAreaSchema,
  }),
  channels: defineCollection({
    loader: strapiLoader({ path: 'channels', query: { fields: ['slug', 'name', 'description', 'order'] } }),
    schema: channelSchema,
  }),
  officers: defineCollection({
    loader: strapiLoader({
      path: 'responsible-officers',
      markdownField: 'duties',
      query: { fields: ['slug', 'positionTitle', 'duties', 'holderName', 'phone', 'email', 'order'] },
    }),
    schema: responsibleOfficerSchema,
  }),
  plans: defineCollection({
    loader: strapiLoader({
      path: 'plans',
      idField: 'year',
      markdownField: 'body',
      query: {
        fields: ['year', 'number', 'issuedOn', 'issuer', 'title', 'signer', 'body'],
        populate: { attachment: media },
      },
    }),
    schema: planSchema,
  }),
  settings: defineCollection({
    loader: strapiLoader({
      path: 'site-setting',
      single: true,
      query: settingsQuery,
    }),
    schema: siteSettingsSchema,
  }),
};
