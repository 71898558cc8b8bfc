// The results report (report.ts) as an Excel workbook: one sheet per table, counts stored as
// numbers (not text), so they can be summed and charted; built with exceljs.
import ExcelJS from 'exceljs';
import type { CountRow, ResultsReport } from './report.ts';

type Cell = string | number;

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, headers: string[], rows: Cell[][], widths: number[]): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const row of rows) ws.addRow(row);
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
}

function countRows(rows: CountRow[]): Cell[][] {
  return rows.map((row) => [row.name, row.articles, row.activities]);
}

export async function resultsReportXlsx(report: ResultsReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `Ủy ban nhân dân ${report.ward.wardName}`;
  const period = `năm ${report.plan.year}, ${report.period.label}`;
  sheet(
    workbook,
    'Tổng hợp',
    `Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính ${period}`,
    ['Chỉ tiêu', 'Số lượng'],
    [
      ['Tin bài đăng trên Cổng thông tin điện tử', report.totals.articles],
      ['Hoạt động tuyên truyền khác đã xác nhận', report.totals.activities],
      ['Hoạt động chưa xác nhận (không tính)', report.totals.unconfirmedActivities],
      ['Nội dung tuyên truyền chưa thực hiện', report.gaps.areas.length],
      ['Hình thức tuyên truyền chưa sử dụng', report.gaps.channels.length],
    ],
    [50, 14],
  );
  sheet(
    workbook,
    'Theo nội dung',
    `Theo nội dung tuyên truyền, ${period}`,
    ['Nội dung tuyên truyền', 'Tin bài', 'Hoạt động'],
    countRows(report.byArea),
    [70, 12, 12],
  );
  sheet(
    workbook,
    'Theo hình thức',
    `Theo hình thức tuyên truyền, ${period}`,
    ['Hình thức tuyên truyền', 'Tin bài', 'Hoạt động', 'Số lượng'],
    report.byChannel.map((row) => [row.name, row.articles, row.activities, row.quantities]),
    [45, 12, 12, 40],
  );
  sheet(workbook, 'Theo cán bộ', `Theo cán bộ phụ trách, ${period}`, ['Cán bộ phụ trách', 'Tin bài', 'Hoạt động'], countRows(report.byOfficer), [50, 12, 12]);
  sheet(workbook, 'Theo tháng', `Theo tháng, ${period}`, ['Tháng', 'Tin bài', 'Hoạt động'], countRows(report.byMonth), [20, 12, 12]);
  sheet(
    workbook,
    'Chưa thực hiện',
    `Nội dung và hình thức chưa thực hiện, ${period}`,
    ['Loại', 'Tên'],
    [...report.gaps.areas.map((name) => ['Nội dung tuyên truyền', name]), ...report.gaps.channels.map((name) => ['Hình thức tuyên truyền', name])],
    [25, 70],
  );
  sheet(
    workbook,
    'Tin bài',
    `Tin bài đăng trên Cổng thông tin điện tử, ${period}`,
    ['Ngày đăng', 'Tiêu đề', 'Nội dung tuyên truyền', 'Cán bộ phụ trách', 'Địa chỉ'],
    report.articles.map((a) => [a.date, a.title, a.areas, a.officer, a.url]),
    [12, 60, 40, 30, 50],
  );
  sheet(
    workbook,
    'Hoạt động',
    `Hoạt động tuyên truyền khác đã xác nhận, ${period}`,
    ['Ngày', 'Hoạt động', 'Hình thức', 'Nội dung tuyên truyền', 'Cán bộ phụ trách', 'Số lượng', 'Đơn vị', 'Địa điểm'],
    report.activities.map((a) => [a.date, a.title, a.channel, a.areas, a.officer, a.quantity, a.unit, a.place]),
    [24, 50, 25, 40, 30, 10, 20, 35],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
