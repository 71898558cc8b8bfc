// Public URLs of the portal. Later work and outside links rely on these shapes: keep them.

export const urls = {
  home: '/',
  news: '/tin-tuc/',
  article: (slug: string) => `/tin-tuc/${slug}/`,
  areas: '/chu-de/',
  area: (slug: string) => `/chu-de/${slug}/`,
  areaFeed: (slug: string) => `/chu-de/${slug}/rss.xml`,
  officers: '/phu-trach/',
  officer: (slug: string) => `/phu-trach/${slug}/`,
  officerFeed: (slug: string) => `/phu-trach/${slug}/rss.xml`,
  feed: '/rss.xml',
  plan: (year: number) => `/ke-hoach/${year}/`,
  archive: (year: number, month: number) => `/luu-tru/${year}/${String(month).padStart(2, '0')}/`,
  archiveIndex: '/luu-tru/',
  contact: '/lien-he/',
  english: '/en/',
  search: '/tim-kiem/',
  /** Numbered page n of the listing at `base` (pages count from the oldest; see shared/src/pagination.ts). */
  listingPage: (base: string, n: number) => `${base}trang/${n}/`,
  /** Where an attachment from the CMS media library is published on the portal. */
  file: (cmsUrl: string) => `/tep-tin/${cmsUrl.split('/').pop()}`,
};
