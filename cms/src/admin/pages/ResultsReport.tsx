// "Báo cáo kết quả": the Editor picks the plan year and the period, reads the report on screen
// (charts per content area and per month, each with its table as the text equivalent, and the
// gaps), edits the summary, and downloads it as Word or Excel. The numbers come from
// GET /content-manager/results-report (cms/src/results-report.ts, shared/src/report.ts).
// Charts carry their numbers in text and tell articles from activities by pattern, not colour.
import { type FormEvent, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
// The report's shape, from the code that makes it (types only: nothing of it is bundled).
import type { CountRow as Row, PeriodKind, ResultsReport as Report } from '@loa/shared/report';

type Kind = PeriodKind;

const KINDS: Array<[Kind, string]> = [
  ['quarter', 'Quý'],
  ['month', 'Tháng'],
  ['half', '6 tháng'],
  ['year', 'Cả năm'],
  ['range', 'Từ ngày … đến ngày …'],
];
const NUMBERS: Record<string, Array<[number, string]>> = {
  month: Array.from({ length: 12 }, (_, i) => [i + 1, `Tháng ${i + 1}`]),
  quarter: [
    [1, 'Quý I'],
    [2, 'Quý II'],
    [3, 'Quý III'],
    [4, 'Quý IV'],
  ],
  half: [
    [1, '6 tháng đầu năm'],
    [2, '6 tháng cuối năm'],
  ],
};

const field = { display: 'flex', flexDirection: 'column', gap: 4, fontSize: 14 } as const;
const control = { padding: '8px 10px', border: '1px solid #8e8ea9', borderRadius: 4, fontSize: 14, minWidth: 160 } as const;
/** Articles: solid; activities: diagonal stripes. Both dark enough to read in greyscale. */
const ARTICLE_BAR = { background: '#32324d' };
const ACTIVITY_BAR = { background: 'repeating-linear-gradient(45deg, #32324d 0 3px, #ffffff 3px 6px)', border: '1px solid #32324d' };

function Legend() {
  return (
    <Flex gap={4} aria-hidden="true">
      <Flex gap={2}>
        <span style={{ ...ARTICLE_BAR, display: 'inline-block', width: 24, height: 12 }} />
        <Typography variant="pi">Tin bài (đặc)</Typography>
      </Flex>
      <Flex gap={2}>
        <span style={{ ...ACTIVITY_BAR, display: 'inline-block', width: 24, height: 12 }} />
        <Typography variant="pi">Hoạt động (kẻ sọc)</Typography>
      </Flex>
    </Flex>
  );
}

/** A bar chart (hidden from screen readers) followed by the same numbers as a table. */
function Chart({ title, rows, first }: { title: string; rows: Row[]; first: string }) {
  const max = Math.max(1, ...rows.map((row) => Math.max(row.articles, row.activities)));
  const bar = (value: number, style: object) => (
    <Flex gap={2}>
      <span style={{ ...style, display: 'inline-block', height: 12, width: `${(value / max) * 260}px`, minWidth: value ? 3 : 0 }} />
      <Typography variant="pi">{value}</Typography>
    </Flex>
  );
  return (
    <Box paddingTop={6}>
      <Typography tag="h2" variant="delta">
        {title}
      </Typography>
      <Box paddingTop={2} paddingBottom={2}>
        <Legend />
      </Box>
      <div aria-hidden="true" data-chart={title}>
        {rows.map((row) => (
          <Flex key={row.key} gap={3} paddingBottom={2} alignItems="center">
            <Box style={{ width: 320 }}>
              <Typography variant="pi">
                {row.name}
                {!row.articles && !row.activities ? ' (chưa có)' : ''}
              </Typography>
            </Box>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              {bar(row.articles, ARTICLE_BAR)}
              {bar(row.activities, ACTIVITY_BAR)}
            </Flex>
          </Flex>
        ))}
      </div>
      <table data-table={title} style={{ borderCollapse: 'collapse', marginTop: 8, fontSize: 14 }}>
        <caption style={{ textAlign: 'left', padding: '4px 0' }}>{title}: số liệu</caption>
        <thead>
          <tr>
            {[first, 'Tin bài', 'Hoạt động'].map((header) => (
              <th key={header} scope="col" style={{ border: '1px solid #8e8ea9', padding: '4px 8px', textAlign: 'left' }}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" style={{ border: '1px solid #8e8ea9', padding: '4px 8px', textAlign: 'left', fontWeight: 'normal' }}>
                {row.name}
              </th>
              <td style={{ border: '1px solid #8e8ea9', padding: '4px 8px', textAlign: 'right' }}>{row.articles}</td>
              <td style={{ border: '1px solid #8e8ea9', padding: '4px 8px', textAlign: 'right' }}>{row.activities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ResultsReportPage() {
  const { get } = useFetchClient();
  const token = useAuth('ResultsReportPage', (auth) => auth.token);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [kind, setKind] = useState<Kind>('quarter');
  const [number, setNumber] = useState(1);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const period = () => ({ year: Number(year), kind, ...(NUMBERS[kind] ? { number } : {}), ...(kind === 'range' ? { from, to } : {}) });
  const query = () => new URLSearchParams(Object.entries(period()).map(([k, v]) => [k, String(v)])).toString();
  const fail = (reason: unknown) => {
    const message = (reason as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
    setError(message ?? 'Không lập được báo cáo. Thử lại sau hoặc báo cán bộ CNTT.');
  };
  const fileName = (extension: string) => `bao-cao-ket-qua-tuyen-truyen-cchc-${report?.period.from}-${report?.period.to}.${extension}`;

  const show = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { data } = await get<Report>(`/content-manager/results-report?${query()}`);
      setReport(data);
      setSummary(data.summary);
    } catch (reason) {
      setReport(null);
      fail(reason);
    } finally {
      setBusy(false);
    }
  };
  const word = async () => {
    try {
      // The summary the officer edited goes in the body, so the fetch client's post (which reads
      // every answer as JSON) cannot be used for this file.
      const response = await fetch(`${(window as unknown as { strapi: { backendURL: string } }).strapi.backendURL}/content-manager/results-report/docx`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...period(), summary }),
      });
      if (!response.ok) return fail({ response: { data: await response.json().catch(() => null) } });
      saveFile(await response.blob(), fileName('docx'));
    } catch (reason) {
      fail(reason);
    }
  };
  const excel = async () => {
    try {
      const { data } = await get<Blob>(`/content-manager/results-report/xlsx?${query()}`, { responseType: 'blob' });
      saveFile(data, fileName('xlsx'));
    } catch (reason) {
      fail(reason);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Báo cáo kết quả</Page.Title>
      <Layouts.Header
        title="Báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính"
        subtitle="Tin bài trên cổng thông tin và các hoạt động tuyên truyền đã được xác nhận, theo kỳ báo cáo."
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <form onSubmit={show} aria-label="Chọn kỳ báo cáo">
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <div style={field}>
                <label htmlFor="loa-report-year">Năm của kế hoạch</label>
                <input
                  id="loa-report-year"
                  style={control}
                  type="number"
                  min={2000}
                  max={2100}
                  value={year}
                  onChange={(e) => setYear(e.target.value)}
                  required
                />
              </div>
              <div style={field}>
                <label htmlFor="loa-report-kind">Kỳ báo cáo</label>
                <select id="loa-report-kind" style={control} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  {KINDS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              {NUMBERS[kind] ? (
                <div style={field}>
                  <label htmlFor="loa-report-number">{KINDS.find(([value]) => value === kind)?.[1]}</label>
                  <select id="loa-report-number" style={control} value={number} onChange={(e) => setNumber(Number(e.target.value))}>
                    {NUMBERS[kind].map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {kind === 'range' ? (
                <>
                  <div style={field}>
                    <label htmlFor="loa-report-from">Từ ngày</label>
                    <input id="loa-report-from" style={control} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
                  </div>
                  <div style={field}>
                    <label htmlFor="loa-report-to">Đến ngày</label>
                    <input id="loa-report-to" style={control} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
                  </div>
                </>
              ) : null}
              <Button type="submit" loading={busy}>
                Xem báo cáo
              </Button>
            </Flex>
          </form>
          {error ? (
            <Box paddingTop={4} role="alert" data-report-error>
              <Typography textColor="danger600" fontWeight="bold">
                {error}
              </Typography>
            </Box>
          ) : null}
        </Box>
        {report ? (
          <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius data-report={report.period.label}>
            <Typography tag="h2" variant="beta">
              Kết quả {report.period.label}
            </Typography>
            <Box paddingTop={2}>
              <Typography>
                {report.totals.articles} tin bài trên cổng thông tin; {report.totals.activities} hoạt động tuyên truyền khác đã xác nhận
                {report.totals.unconfirmedActivities ? ` (${report.totals.unconfirmedActivities} hoạt động chưa xác nhận, không tính)` : ''}.
              </Typography>
            </Box>
            <Box paddingTop={4}>
              <div style={{ ...field, width: '100%' }}>
                <label htmlFor="loa-report-summary">Tóm tắt (sửa trước khi tải bản Word)</label>
                <textarea
                  id="loa-report-summary"
                  style={{ ...control, minHeight: 120, width: '100%' }}
                  value={summary}
                  onChange={(e) => setSummary(e.target.value)}
                />
              </div>
            </Box>
            <Flex gap={2} paddingTop={4}>
              <Button onClick={word}>Tải bản Word (.docx)</Button>
              <Button variant="secondary" onClick={excel}>
                Tải bản Excel (.xlsx)
              </Button>
            </Flex>
            <Box paddingTop={6} data-gaps>
              <Typography tag="h2" variant="delta">
                Chưa thực hiện trong kỳ
              </Typography>
              <Typography tag="p">
                Nội dung tuyên truyền: {report.gaps.areas.length ? report.gaps.areas.join('; ') : 'không có, mọi nội dung đều đã được tuyên truyền'}.
              </Typography>
              <Typography tag="p">
                Hình thức tuyên truyền: {report.gaps.channels.length ? report.gaps.channels.join('; ') : 'không có, mọi hình thức đều đã được dùng'}.
              </Typography>
            </Box>
            <Chart title="Theo nội dung tuyên truyền" first="Nội dung tuyên truyền" rows={report.byArea} />
            <Chart title="Theo tháng" first="Tháng" rows={report.byMonth} />
            <Chart title="Theo hình thức tuyên truyền" first="Hình thức tuyên truyền" rows={report.byChannel} />
            <Chart title="Theo cán bộ phụ trách" first="Cán bộ phụ trách" rows={report.byOfficer} />
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}

export default ResultsReportPage;
