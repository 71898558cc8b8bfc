import type { Core } from '@strapi/strapi';

// Gathers what the results report counts (shared/src/report.ts) from the CMS: the plan of the
// year with its content areas, the channels and officers, the published articles and the
// activities of the period. Used by the admin's report routes (cms/src/results-report.ts) and the
// command line (scripts/report.ts).

/** The report's code, shared with the site and the scripts (Node 24 loads the TypeScript as it is). */
const shared = require('@loa/shared/report') as {
  resolvePeriod(input: PeriodInput): { year: number; from: string; to: string };
  buildResultsReport(input: unknown): unknown;
  ReportInputError: new (message: string) => Error;
};

export interface PeriodInput {
  year: number;
  kind: string;
  number?: number;
  from?: string;
  to?: string;
}

interface Entry {
  documentId: string;
  [field: string]: any;
}

/** YYYY-MM-DD in Vietnam's time. */
const { isoDateInVietnam } = require('@loa/shared/dates') as { isoDateInVietnam(date: string): string };
const ids = (entries: Entry[] | null | undefined) => (entries ?? []).map((entry) => entry.documentId);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async build(input: PeriodInput): Promise<unknown> {
    const period = shared.resolvePeriod(input);
    const documents = (uid: string) => strapi.documents(uid as any) as any;
    const plan = (await documents('api::plan.plan').findFirst({
      filters: { year: period.year },
      populate: { contentAreas: { fields: ['letter', 'shortTitle', 'order'], sort: 'order:asc' } },
    })) as Entry | null;
    if (!plan) throw new shared.ReportInputError(`Chưa có kế hoạch tuyên truyền năm ${period.year}; không lập được báo cáo cho năm này.`);
    const channels = (await documents('api::channel.channel').findMany({ fields: ['name'], sort: 'order:asc', limit: 1000 })) as Entry[];
    const officers = (await documents('api::responsible-officer.responsible-officer').findMany({
      fields: ['positionTitle', 'holderName'],
      sort: 'order:asc',
      limit: 1000,
    })) as Entry[];
    const settings = ((await documents('api::site-setting.site-setting').findFirst({})) ?? {}) as Entry;

    // A day either side: the period's days are Vietnam's, the stored times UTC.
    const widen = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString();
    const articles = (await documents('api::article.article').findMany({
      status: 'published',
      filters: { firstPublishedAt: { $gte: widen(period.from, -1), $lte: widen(period.to, 2) } },
      fields: ['title', 'slug', 'firstPublishedAt'],
      populate: { contentAreas: { fields: ['documentId'] }, responsibleOfficer: { fields: ['documentId'] }, channels: { fields: ['documentId'] } },
      limit: 100_000,
    })) as Entry[];
    const activities = (await documents('api::activity.activity').findMany({
      filters: { startDate: { $lte: period.to } },
      populate: { contentAreas: { fields: ['documentId'] }, responsibleOfficer: { fields: ['documentId'] }, channel: { fields: ['documentId'] } },
      limit: 100_000,
    })) as Entry[];
    const siteUrl = (process.env.SITE_URL ?? '').replace(/\/+$/, '');

    return shared.buildResultsReport({
      period,
      plan: { year: plan.year, title: plan.title, number: plan.number ?? null },
      ward: {
        wardName: settings.wardName ?? 'phường',
        cityName: settings.cityName ?? '',
        parentUnitName: settings.parentUnitName ?? null,
        reportRecipient: settings.reportRecipient ?? null,
      },
      areas: (plan.contentAreas as Entry[]).map((area) => ({ key: area.documentId, name: `${area.letter}) ${area.shortTitle}` })),
      channels: channels.map((channel) => ({ key: channel.documentId, name: channel.name })),
      officers: officers.map((officer) => ({
        key: officer.documentId,
        name: officer.holderName ? `${officer.positionTitle} (${officer.holderName})` : officer.positionTitle,
      })),
      articles: articles
        .filter((article) => article.firstPublishedAt)
        .map((article) => ({
          date: isoDateInVietnam(article.firstPublishedAt),
          title: article.title,
          url: `${siteUrl}/tin-tuc/${article.slug}/`,
          areas: ids(article.contentAreas),
          officer: article.responsibleOfficer?.documentId ?? null,
          channels: ids(article.channels),
        })),
      activities: activities.map((activity) => ({
        startDate: activity.startDate,
        endDate: activity.endDate ?? null,
        title: activity.title,
        channel: activity.channel?.documentId ?? null,
        areas: ids(activity.contentAreas),
        officer: activity.responsibleOfficer?.documentId ?? null,
        quantity: activity.quantity,
        unit: activity.unit,
        place: activity.place ?? null,
        confirmed: activity.confirmed === true,
      })),
    });
  },
});
