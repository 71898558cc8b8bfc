import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACTIVITY } from './activity-rules';

// The admin's "Báo cáo kết quả" routes (added to the content manager's admin router, see
// src/extensions/content-manager/strapi-server.ts): the report as JSON for the screen, as Word
// and as Excel. Editors and administrators only: whoever may confirm activities.

// The office formats, shared with the command line (scripts/report.ts).
const { resultsReportDocx } = require('@loa/shared/report-docx') as {
  resultsReportDocx(report: unknown, options?: { summary?: string }): Promise<Buffer>;
};
const { resultsReportXlsx } = require('@loa/shared/report-xlsx') as { resultsReportXlsx(report: unknown): Promise<Buffer> };

interface Context {
  query: Record<string, string | undefined>;
  request: { body?: Record<string, unknown> };
  state: { userAbility?: { can(action: string, subject: string, field?: string): boolean } };
  body: unknown;
  set(name: string, value: string): void;
}

function periodOf(source: Record<string, unknown>) {
  const number = source.number === undefined || source.number === '' ? undefined : Number(source.number);
  return {
    year: Number(source.year),
    kind: String(source.kind ?? ''),
    number,
    from: source.from ? String(source.from) : undefined,
    to: source.to ? String(source.to) : undefined,
  };
}

async function build(strapi: Core.Strapi, ctx: Context, source: Record<string, unknown>) {
  if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.update', ACTIVITY, 'confirmed')) {
    throw new errors.PolicyError('Chỉ Biên tập viên và quản trị viên lập được báo cáo kết quả.');
  }
  try {
    return (await strapi.service('api::activity.results-report').build(periodOf(source))) as { plan: { year: number }; period: { from: string; to: string } };
  } catch (error) {
    // shared/src/report.ts's ReportInputError: bad input, said in Vietnamese.
    if ((error as Error).name === 'ReportInputError') throw new errors.ValidationError((error as Error).message);
    throw error;
  }
}

function download(ctx: Context, bytes: Buffer, report: { plan: { year: number }; period: { from: string; to: string } }, extension: string, type: string) {
  const name = `bao-cao-ket-qua-tuyen-truyen-cchc-${report.period.from}-${report.period.to}.${extension}`;
  ctx.set('Content-Type', type);
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = bytes;
}

export const resultsReportController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await build(strapi, ctx, ctx.query);
  },
  async docx(ctx: Context) {
    const body = ctx.request.body ?? {};
    const report = await build(strapi, ctx, body);
    const summary = typeof body.summary === 'string' ? body.summary.slice(0, 20_000) : undefined;
    download(ctx, await resultsReportDocx(report, { summary }), report, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  },
  async xlsx(ctx: Context) {
    const report = await build(strapi, ctx, ctx.query);
    download(ctx, await resultsReportXlsx(report), report, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  },
});

export const resultsReportRoutes = [
  { method: 'GET', path: '/results-report', handler: 'results-report.show' },
  { method: 'POST', path: '/results-report/docx', handler: 'results-report.docx' },
  { method: 'GET', path: '/results-report/xlsx', handler: 'results-report.xlsx' },
];
