// "Báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính": what the ward reports to
// the People's Committee above it (plan section III.2) for a plan year and a period. This file
// counts; report-docx.ts and report-xlsx.ts lay the same report out as Word and Excel, and the
// admin page (cms/src/admin/pages/ResultsReport.tsx) shows it with charts. The CMS gathers the
// inputs (cms/src/api/activity/services/results-report.ts).

/** Bad input for a report, said in Vietnamese for the officer who asked for it. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export interface PeriodInput {
  year: number;
  kind: PeriodKind;
  /** 1–12 for a month, 1–4 for a quarter, 1–2 for a half year. */
  number?: number;
  /** YYYY-MM-DD, for a range. */
  from?: string;
  to?: string;
}

export interface Period {
  year: number;
  kind: PeriodKind;
  from: string;
  to: string;
  /** As the report's title says it: "quý II năm 2024", "6 tháng đầu năm 2024", … */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 2024-03-05 → 05/03/2024. */
export const vnDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

function isDate(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** The period's first and last day and its name; every mistake is refused in Vietnamese. */
export function resolvePeriod(input: PeriodInput): Period {
  const { year, kind } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ReportInputError(`Năm báo cáo không hợp lệ: ${input.year}.`);
  const n = input.number;
  const span = (fromMonth: number, toMonth: number, label: string): Period => ({
    year,
    kind,
    from: `${year}-${pad(fromMonth)}-01`,
    to: `${year}-${pad(toMonth)}-${pad(lastDay(year, toMonth))}`,
    label,
  });
  switch (kind) {
    case 'year':
      return span(1, 12, `năm ${year}`);
    case 'month':
      if (!n || !Number.isInteger(n) || n < 1 || n > 12) throw new ReportInputError('Tháng báo cáo phải từ 1 đến 12.');
      return span(n, n, `tháng ${n} năm ${year}`);
    case 'quarter':
      if (!n || !Number.isInteger(n) || n < 1 || n > 4) throw new ReportInputError('Quý báo cáo phải từ 1 đến 4.');
      return span(3 * n - 2, 3 * n, `quý ${ROMAN[n - 1]} năm ${year}`);
    case 'half':
      if (n !== 1 && n !== 2) throw new ReportInputError('Chọn 6 tháng đầu năm (1) hoặc 6 tháng cuối năm (2).');
      return n === 1 ? span(1, 6, `6 tháng đầu năm ${year}`) : span(7, 12, `6 tháng cuối năm ${year}`);
    case 'range': {
      if (!isDate(input.from) || !isDate(input.to)) throw new ReportInputError('Nhập đủ ngày bắt đầu và ngày kết thúc của kỳ báo cáo (ngày/tháng/năm).');
      if (input.to < input.from) {
        throw new ReportInputError(`Kỳ báo cáo kết thúc (${vnDate(input.to)}) trước khi bắt đầu (${vnDate(input.from)}). Chọn lại ngày.`);
      }
      if (Number(input.from.slice(0, 4)) !== year || Number(input.to.slice(0, 4)) !== year) {
        throw new ReportInputError(`Kỳ báo cáo phải nằm trong năm của kế hoạch (${year}).`);
      }
      return { year, kind, from: input.from, to: input.to, label: `từ ngày ${vnDate(input.from)} đến ngày ${vnDate(input.to)}` };
    }
    default:
      throw new ReportInputError('Chọn kỳ báo cáo: tháng, quý, 6 tháng, năm, hoặc từ ngày đến ngày.');
  }
}

export interface Named {
  key: string;
  name: string;
}

export interface ReportArticle {
  /** Publication date in Vietnam, YYYY-MM-DD. */
  date: string;
  title: string;
  url: string;
  areas: string[];
  officer: string | null;
  channels: string[];
}

export interface ReportActivity {
  startDate: string;
  endDate: string | null;
  title: string;
  channel: string | null;
  areas: string[];
  officer: string | null;
  quantity: number;
  unit: string;
  place: string | null;
  confirmed: boolean;
}

export interface ReportInput {
  period: Period;
  plan: { year: number; title: string; number: string | null };
  ward: { wardName: string; cityName: string; parentUnitName: string | null; reportRecipient: string | null };
  /** The plan's content areas, channels and officers, in the plan's order; `name` as the report prints it. */
  areas: Named[];
  channels: Named[];
  officers: Named[];
  articles: ReportArticle[];
  activities: ReportActivity[];
}

export interface CountRow {
  key: string;
  name: string;
  articles: number;
  activities: number;
}

export interface ResultsReport {
  period: Period;
  plan: ReportInput['plan'];
  ward: ReportInput['ward'];
  totals: { articles: number; activities: number; unconfirmedActivities: number };
  byArea: CountRow[];
  byChannel: Array<CountRow & { quantities: string }>;
  byOfficer: CountRow[];
  byMonth: CountRow[];
  /** Content areas and channels with neither an article nor an activity in the period. */
  gaps: { areas: string[]; channels: string[] };
  articles: Array<{ date: string; title: string; areas: string; officer: string; url: string }>;
  activities: Array<{ date: string; title: string; channel: string; areas: string; officer: string; quantity: number; unit: string; place: string }>;
  /** The web figures the plan names. Questions wait for the residents' feedback feature: null until then. */
  web: { articlesPosted: number; questionsReceived: number | null; questionsAnswered: number | null };
  /** A first draft of the summary, which the officer edits before sending. */
  summary: string;
}

function count(rows: Named[], articleKeys: string[][], activityKeys: string[][]): CountRow[] {
  return rows.map(({ key, name }) => ({
    key,
    name,
    articles: articleKeys.filter((keys) => keys.includes(key)).length,
    activities: activityKeys.filter((keys) => keys.includes(key)).length,
  }));
}

/** Counts a period's published articles and confirmed activities; an activity counts when its days overlap the period. */
export function buildResultsReport(input: ReportInput): ResultsReport {
  const { period } = input;
  const names = (rows: Named[]) => new Map(rows.map((row) => [row.key, row.name]));
  const areaNames = names(input.areas);
  const channelNames = names(input.channels);
  const officerNames = names(input.officers);
  const articles = input.articles.filter((a) => a.date >= period.from && a.date <= period.to).sort((a, b) => a.date.localeCompare(b.date));
  const inPeriod = input.activities.filter((a) => a.startDate <= period.to && (a.endDate ?? a.startDate) >= period.from);
  const activities = inPeriod.filter((a) => a.confirmed).sort((a, b) => a.startDate.localeCompare(b.startDate));

  const months: Named[] = [];
  for (let m = Number(period.from.slice(5, 7)); m <= Number(period.to.slice(5, 7)); m++) {
    months.push({ key: `${period.year}-${pad(m)}`, name: `Tháng ${m}/${period.year}` });
  }
  // An activity that began before the period counts in its first month.
  const activityMonth = (a: ReportActivity) => [a.startDate, period.from].sort()[1].slice(0, 7);

  const byChannel = count(
    input.channels,
    articles.map((a) => a.channels),
    activities.map((a) => (a.channel ? [a.channel] : [])),
  ).map((row) => {
    const sums = new Map<string, number>();
    for (const a of activities.filter((activity) => activity.channel === row.key)) sums.set(a.unit, (sums.get(a.unit) ?? 0) + a.quantity);
    return { ...row, quantities: [...sums].map(([unit, total]) => `${total.toLocaleString('vi-VN')} ${unit}`).join('; ') };
  });
  const byArea = count(
    input.areas,
    articles.map((a) => a.areas),
    activities.map((a) => a.areas),
  );
  const gaps = {
    areas: byArea.filter((row) => !row.articles && !row.activities).map((row) => row.name),
    channels: byChannel.filter((row) => !row.articles && !row.activities).map((row) => row.name),
  };
  const list = (keys: string[], map: Map<string, string>) => keys.map((key) => map.get(key) ?? key).join('; ');
  const report: ResultsReport = {
    period,
    plan: input.plan,
    ward: input.ward,
    totals: { articles: articles.length, activities: activities.length, unconfirmedActivities: inPeriod.length - activities.length },
    byArea,
    byChannel,
    byOfficer: count(
      input.officers,
      articles.map((a) => (a.officer ? [a.officer] : [])),
      activities.map((a) => (a.officer ? [a.officer] : [])),
    ),
    byMonth: count(
      months,
      articles.map((a) => [a.date.slice(0, 7)]),
      activities.map((a) => [activityMonth(a)]),
    ),
    gaps,
    articles: articles.map((a) => ({
      date: vnDate(a.date),
      title: a.title,
      areas: list(a.areas, areaNames),
      officer: a.officer ? (officerNames.get(a.officer) ?? '') : '',
      url: a.url,
    })),
    activities: activities.map((a) => ({
      date: a.endDate && a.endDate !== a.startDate ? `${vnDate(a.startDate)} - ${vnDate(a.endDate)}` : vnDate(a.startDate),
      title: a.title,
      channel: a.channel ? (channelNames.get(a.channel) ?? '') : '',
      areas: list(a.areas, areaNames),
      officer: a.officer ? (officerNames.get(a.officer) ?? '') : '',
      quantity: a.quantity,
      unit: a.unit,
      place: a.place ?? '',
    })),
    web: { articlesPosted: articles.length, questionsReceived: null, questionsAnswered: null },
    summary: '',
  };
  report.summary = draftSummary(report, input.areas.length);
  return report;
}

function draftSummary(report: ResultsReport, areaCount: number): string {
  const covered = areaCount - report.gaps.areas.length;
  const channels = report.byChannel
    .filter((row) => row.activities)
    .map((row) => `${row.name.toLocaleLowerCase('vi-VN')}: ${row.activities} hoạt động${row.quantities ? ` (${row.quantities})` : ''}`);
  return [
    `Trong ${report.period.label}, Ủy ban nhân dân ${report.ward.wardName} đã đăng ${report.totals.articles} tin bài trên Cổng thông tin điện tử của phường ` +
      `và thực hiện ${report.totals.activities} hoạt động tuyên truyền cải cách hành chính khác${channels.length ? ` (${channels.join('; ')})` : ''}.`,
    `Đã có tin bài hoặc hoạt động cho ${covered}/${areaCount} nội dung tuyên truyền của Kế hoạch` +
      (report.gaps.areas.length ? `; các nội dung chưa được tuyên truyền trong kỳ được nêu tại mục V.` : '.'),
  ].join(' ');
}
