// The results report (report.ts) as a Word document laid out as a Vietnamese administrative
// report, after the template of Decree 30/2020/NĐ-CP: the issuing body and number on the left and
// the national title on the right, place and date, the title, numbered sections, "Nơi nhận" and
// the signature block; Times New Roman, A4, the decree's margins. Built with the docx library,
// not hand-written XML.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type ITableCellBorders,
} from 'docx';
import type { CountRow, ResultsReport } from './report.ts';

/** Millimetres in twentieths of a point, Word's unit for page sizes and margins. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 13 pt tables, 12 pt "Nơi nhận". */
const BODY = 28;
const TABLE = 26;
const SMALL = 24;

const NONE: ITableCellBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

interface Line {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

function paragraph(lines: Line | Line[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  const runs = (Array.isArray(lines) ? lines : [lines]).map(
    (line, index) =>
      new TextRun({
        text: line.text,
        bold: line.bold,
        italics: line.italics,
        underline: line.underline ? {} : undefined,
        size: line.size ?? BODY,
        font: FONT,
        break: index > 0 ? 1 : undefined,
      }),
  );
  return new Paragraph({ spacing: { after: 60 }, ...options, children: runs });
}

const body = (text: string) => paragraph({ text }, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10) }, spacing: { after: 120 } });
const heading = (text: string) => paragraph({ text, bold: true }, { spacing: { before: 200, after: 120 } });

function cell(text: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; width?: number } = {}) {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    children: [paragraph({ text, bold: options.bold, size: TABLE }, { alignment: options.align ?? AlignmentType.LEFT, spacing: { after: 0 } })],
  });
}

/** A bordered table: a header row, then the rows; numbers right-aligned. */
function table(headers: string[], rows: Array<Array<string | number>>, widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((text, i) => cell(text, { bold: true, align: AlignmentType.CENTER, width: widths[i] })) }),
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map((value, i) =>
              cell(typeof value === 'number' ? value.toLocaleString('vi-VN') : value, {
                align: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                width: widths[i],
              }),
            ),
          }),
      ),
    ],
  });
}

function countTable(first: string, rows: CountRow[], total: { articles: number; activities: number }): Table {
  return table(
    ['TT', first, 'Tin bài', 'Hoạt động'],
    [...rows.map((row, i) => [String(i + 1), row.name, row.articles, row.activities]), ['', 'Tổng số', total.articles, total.activities]],
    [8, 62, 15, 15],
  );
}

/** Two columns without borders: the top of the page and the signature. */
function columns(left: Paragraph[], right: Paragraph[], split = 42): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NONE, insideHorizontal: NONE.top, insideVertical: NONE.top },
    rows: [
      new TableRow({
        children: [
          new TableCell({ borders: NONE, width: { size: split, type: WidthType.PERCENTAGE }, children: left }),
          new TableCell({ borders: NONE, width: { size: 100 - split, type: WidthType.PERCENTAGE }, children: right }),
        ],
      }),
    ],
  });
}

export interface DocxOptions {
  /** The summary as the officer edited it; the report's draft otherwise. */
  summary?: string;
  /** The document's date; today by default. */
  date?: Date;
}

export async function resultsReportDocx(report: ResultsReport, options: DocxOptions = {}): Promise<Buffer> {
  const date = options.date ?? new Date();
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(date)
    .split('/');
  const ward = report.ward.wardName;
  const wardUpper = ward.toLocaleUpperCase('vi-VN');
  const place = ward.replace(/^phường\s+/i, '');
  const center = { alignment: AlignmentType.CENTER, spacing: { after: 0 } } as const;
  const summary = (options.summary ?? report.summary).trim();
  const total = { articles: report.totals.articles, activities: report.totals.activities };

  const children = [
    columns(
      [
        paragraph(
          [
            { text: 'ỦY BAN NHÂN DÂN', bold: true, size: TABLE },
            { text: wardUpper, bold: true, size: TABLE },
          ],
          center,
        ),
        paragraph({ text: '———', size: TABLE }, center),
        paragraph({ text: `Số:       /BC-UBND`, size: TABLE }, center),
      ],
      [
        paragraph({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: TABLE }, center),
        paragraph({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true }, center),
        paragraph({ text: `${place}, ngày ${day} tháng ${month} năm ${year}`, italics: true }, { ...center, spacing: { before: 200 } }),
      ],
    ),
    paragraph({ text: 'BÁO CÁO', bold: true }, { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
    paragraph({ text: `Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính năm ${report.plan.year}`, bold: true }, center),
    paragraph({ text: `(${report.period.label})`, bold: true }, center),
    paragraph({ text: '———' }, { alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
    ...(report.ward.reportRecipient
      ? [paragraph({ text: `Kính gửi: ${report.ward.reportRecipient}.` }, { alignment: AlignmentType.CENTER, spacing: { after: 240 } })]
      : []),
    body(
      `Thực hiện Kế hoạch ${report.plan.number ? `số ${report.plan.number} ` : ''}về tuyên truyền cải cách hành chính năm ${report.plan.year}, ` +
        `Ủy ban nhân dân ${ward} báo cáo kết quả thực hiện ${report.period.label} (từ ngày ${report.period.from.split('-').reverse().join('/')} ` +
        `đến ngày ${report.period.to.split('-').reverse().join('/')}) như sau:`,
    ),
    heading('I. KẾT QUẢ CHUNG'),
    ...summary.split(/\n+/).map(body),
    body(
      `Tổng số tin bài đăng trên Cổng thông tin điện tử: ${report.totals.articles}. Tổng số hoạt động tuyên truyền khác đã được xác nhận: ${report.totals.activities}` +
        (report.totals.unconfirmedActivities ? ` (còn ${report.totals.unconfirmedActivities} hoạt động chưa được xác nhận, không tính vào báo cáo).` : '.'),
    ),
    heading('II. KẾT QUẢ THEO NỘI DUNG TUYÊN TRUYỀN'),
    countTable('Nội dung tuyên truyền', report.byArea, total),
    heading('III. KẾT QUẢ THEO HÌNH THỨC TUYÊN TRUYỀN'),
    table(
      ['TT', 'Hình thức tuyên truyền', 'Tin bài', 'Hoạt động', 'Số lượng'],
      [
        ...report.byChannel.map((row, i) => [String(i + 1), row.name, row.articles, row.activities, row.quantities]),
        ['', 'Tổng số', total.articles, total.activities, ''],
      ],
      [7, 38, 12, 13, 30],
    ),
    heading('IV. KẾT QUẢ THEO CÁN BỘ PHỤ TRÁCH VÀ THEO THÁNG'),
    paragraph({ text: '1. Theo cán bộ phụ trách', italics: true }),
    countTable('Cán bộ phụ trách', report.byOfficer, total),
    paragraph({ text: '2. Theo tháng', italics: true }, { spacing: { before: 160, after: 60 } }),
    countTable('Tháng', report.byMonth, total),
    heading('V. NỘI DUNG, HÌNH THỨC CHƯA THỰC HIỆN TRONG KỲ'),
    paragraph({ text: 'Nội dung tuyên truyền chưa có tin bài, hoạt động:', italics: true }),
    ...(report.gaps.areas.length
      ? report.gaps.areas.map((name) => body(`- ${name}.`))
      : [body('Không có: mọi nội dung của Kế hoạch đều đã được tuyên truyền.')]),
    paragraph({ text: 'Hình thức tuyên truyền chưa sử dụng:', italics: true }),
    ...(report.gaps.channels.length
      ? report.gaps.channels.map((name) => body(`- ${name}.`))
      : [body('Không có: mọi hình thức của Kế hoạch đều đã được sử dụng.')]),
    heading('VI. DANH SÁCH TIN BÀI ĐĂNG TRÊN CỔNG THÔNG TIN ĐIỆN TỬ'),
    report.articles.length
      ? table(
          ['TT', 'Ngày đăng', 'Tiêu đề', 'Nội dung tuyên truyền', 'Cán bộ phụ trách', 'Địa chỉ'],
          report.articles.map((a, i) => [String(i + 1), a.date, a.title, a.areas, a.officer, a.url]),
          [5, 12, 28, 20, 15, 20],
        )
      : body('Không có tin bài nào trong kỳ.'),
    heading('VII. DANH SÁCH HOẠT ĐỘNG TUYÊN TRUYỀN KHÁC'),
    report.activities.length
      ? table(
          ['TT', 'Ngày', 'Hoạt động', 'Hình thức', 'Nội dung', 'Số lượng', 'Địa điểm'],
          report.activities.map((a, i) => [String(i + 1), a.date, a.title, a.channel, a.areas, `${a.quantity.toLocaleString('vi-VN')} ${a.unit}`, a.place]),
          [5, 13, 24, 14, 18, 12, 14],
        )
      : body('Không có hoạt động nào được xác nhận trong kỳ.'),
    heading('VIII. SỐ LIỆU TRÊN CỔNG THÔNG TIN ĐIỆN TỬ'),
    body(`Số tin bài đăng trên Cổng thông tin điện tử của phường: ${report.web.articlesPosted}.`),
    body(
      report.web.questionsReceived === null
        ? 'Số câu hỏi, phản ánh của người dân tiếp nhận và trả lời qua Cổng thông tin: chưa có số liệu (Cổng chưa có chức năng tiếp nhận).'
        : `Số câu hỏi, phản ánh tiếp nhận: ${report.web.questionsReceived}; đã trả lời: ${report.web.questionsAnswered}.`,
    ),
    body(`Trên đây là báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính ${report.period.label} của Ủy ban nhân dân ${ward}./.`),
    columns(
      [
        paragraph({ text: 'Nơi nhận:', bold: true, italics: true, size: SMALL }, { spacing: { before: 240, after: 0 } }),
        paragraph({ text: `- ${report.ward.reportRecipient ?? 'Ủy ban nhân dân cấp trên'};`, size: 22 }, { spacing: { after: 0 } }),
        paragraph({ text: '- Chủ tịch, các Phó Chủ tịch UBND phường;', size: 22 }, { spacing: { after: 0 } }),
        paragraph({ text: '- Lưu: VT, VHXH.', size: 22 }, { spacing: { after: 0 } }),
      ],
      [
        paragraph(
          [
            { text: 'TM. ỦY BAN NHÂN DÂN', bold: true },
            { text: 'CHỦ TỊCH', bold: true },
          ],
          { alignment: AlignmentType.CENTER, spacing: { before: 240 } },
        ),
        paragraph({ text: '(Ký, ghi rõ họ tên, đóng dấu)', italics: true, size: SMALL }, { alignment: AlignmentType.CENTER, spacing: { after: 1400 } }),
      ],
      50,
    ),
  ];

  const document = new Document({
    creator: `Ủy ban nhân dân ${ward}`,
    title: `Báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính năm ${report.plan.year} (${report.period.label})`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          // A4; margins within Decree 30/2020's ranges: top and bottom 20 mm, left 30 mm, right 15 mm.
          page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
