// `npm run report -- <options>`: the plan's results report ("Báo cáo kết quả thực hiện Kế hoạch
// tuyên truyền cải cách hành chính") from the command line, for the ward's IT staff. The same
// report as the admin's "Báo cáo kết quả" page: shared/src/report.ts counts,
// cms/src/api/activity/services/results-report.ts reads the CMS. Reads the CMS's database
// directly (the CMS may keep running); on the ward server set LOA_ENV_FILE.
//
//   npm run report -- --year 2024 --quarter 2                 Word file in the current folder
//   npm run report -- --year 2024 --half 1 --format xlsx
//   npm run report -- --year 2024 --month 3 --format json --out -
//   npm run report -- --year 2024 --from 2024-03-01 --to 2024-04-15 --out bao-cao.docx
//   npm run report -- --year 2024                              the whole year
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resultsReportDocx } from '@loa/shared/report-docx';
import { resultsReportXlsx } from '@loa/shared/report-xlsx';
import { ReportInputError, resolvePeriod, type PeriodInput, type ResultsReport } from '@loa/shared/report';
import { createCmsStrapi } from './cms/load-strapi.ts';
import { loadDeployment, strapiEnvironment } from './lib/deployment.ts';
import { UserFacingError } from './lib/log.ts';

const USAGE =
  'Cách dùng: npm run report -- --year 2024 [--month 3 | --quarter 2 | --half 1 | --from 2024-03-01 --to 2024-04-15] [--format docx|xlsx|json] [--out tệp]';

function options(args: string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z]+)$/.exec(args[i]);
    if (!match || args[i + 1] === undefined) throw new UserFacingError(`Không hiểu "${args[i]}". ${USAGE}`);
    found[match[1]] = args[++i];
  }
  return found;
}

/** The period the options name, as the admin page would send it. */
export function periodFromOptions(given: Record<string, string>): PeriodInput {
  const year = Number(given.year);
  if (!given.year) throw new UserFacingError(`Thiếu năm của kế hoạch (--year). ${USAGE}`);
  if (given.month) return { year, kind: 'month', number: Number(given.month) };
  if (given.quarter) return { year, kind: 'quarter', number: Number(given.quarter) };
  if (given.half) return { year, kind: 'half', number: Number(given.half) };
  if (given.from || given.to) return { year, kind: 'range', from: given.from, to: given.to };
  return { year, kind: 'year' };
}

async function main() {
  const given = options(process.argv.slice(2));
  const format = given.format ?? 'docx';
  if (!['docx', 'xlsx', 'json'].includes(format)) throw new UserFacingError(`Định dạng "${format}" không có; chọn docx, xlsx hoặc json.`);
  const period = periodFromOptions(given);
  // A period that cannot be is refused before the CMS is opened.
  try {
    resolvePeriod(period);
  } catch (error) {
    if (error instanceof ReportInputError) throw new UserFacingError(error.message);
    throw error;
  }
  if (process.env.LOA_ENV_FILE) {
    // The ward server: its env file and generated secrets, not cms/.env (see scripts/production.ts).
    Object.assign(process.env, strapiEnvironment(loadDeployment()));
  }
  // As the CMS runs (scripts/lib/cms.ts); Strapi's own lines would mix with a report written to stdout.
  process.env.NODE_ENV ??= 'production';
  process.env.LOG_LEVEL ??= 'error';
  const strapi = createCmsStrapi({ serveAdminPanel: false });
  let report: ResultsReport;
  try {
    await strapi.load();
    report = await strapi.service('api::activity.results-report').build(period);
  } catch (error) {
    await strapi.destroy().catch(() => {});
    if ((error as Error).name === 'ReportInputError') throw new UserFacingError((error as Error).message);
    throw error;
  }
  await strapi.destroy().catch(() => {});
  const bytes =
    format === 'docx'
      ? await resultsReportDocx(report)
      : format === 'xlsx'
        ? await resultsReportXlsx(report)
        : Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  const out = given.out ?? `bao-cao-ket-qua-tuyen-truyen-cchc-${report.period.from}-${report.period.to}.${format}`;
  if (out === '-') {
    process.stdout.write(bytes);
    return;
  }
  writeFileSync(resolve(out), bytes);
  console.log(`Đã lập báo cáo ${report.period.label}: ${report.totals.articles} tin bài, ${report.totals.activities} hoạt động. Tệp: ${resolve(out)}`);
}

main().catch((error) => {
  console.error(error instanceof UserFacingError ? `✖ ${error.message}` : error);
  if (!(error instanceof UserFacingError)) console.error(`Report failed: ${(error as Error).message}`);
  process.exit(1);
});
