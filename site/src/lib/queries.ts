// What the site asks the CMS for: the fields and relations its pages show, and nothing more.
// The draft preview's CMS route populates the same relations on its own
// (cms/src/api/article/controllers/preview.ts): it never takes a populate from its caller.

export const mediaQuery = { fields: ['url', 'name', 'alternativeText', 'width', 'height', 'ext', 'mime', 'size'] };

export const articleQuery = {
  fields: ['title', 'slug', 'summary', 'body', 'featured', 'firstPublishedAt', 'publishedAt', 'updatedAt'],
  populate: {
    cover: { populate: { image: mediaQuery } },
    contentAreas: { fields: ['slug', 'letter', 'shortTitle', 'order'] },
    responsibleOfficer: { fields: ['slug', 'positionTitle'] },
    channels: { fields: ['slug', 'name'] },
    legalReferences: true,
    attachments: mediaQuery,
  },
};

export const settingsQuery = { populate: { contactOfficer: true, hotlines: true, socialLinks: true, relatedLinks: true } };
