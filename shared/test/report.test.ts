import { describe, expect, it } from 'vitest';
import { buildResultsReport, ReportInputError, resolvePeriod, type ReportActivity, type ReportArticle } from '../src/report.ts';

describe('report periods', () => {
  it('names each kind of period and gives its first and last day', () => {
    expect(resolvePeriod({ year: 2024, kind: 'quarter', number: 2 })).toMatchObject({ from: '2024-04-01', to: '2024-06-30', label: 'quý II năm 2024' });
    expect(resolvePeriod({ year: 2024, kind: 'month', number: 2 })).toMatchObject({ from: '2024-02-01', to: '2024-02-29', label: 'tháng 2 năm 2024' });
    expect(resolvePeriod({ year: 2024, kind: 'half', number: 1 })).toMatchObject({ from: '2024-01-01', to: '2024-06-30', label: '6 tháng đầu năm 2024' });
    expect(resolvePeriod({ year: 2024, kind: 'year' })).toMatchObject({ from: '2024-01-01', to: '2024-12-31', label: 'năm 2024' });
    expect(resolvePeriod({ year: 2024, kind: 'range', from: '2024-03-01', to: '2024-04-15' }).label).toBe('từ ngày 01/03/2024 đến ngày 15/04/2024');
  });

  it('refuses, in Vietnamese, a period that ends before it starts, leaves its year, or does not exist', () => {
    const refused = (input: Parameters<typeof resolvePeriod>[0]) => {
      try {
        resolvePeriod(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ReportInputError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ year: 2024, kind: 'range', from: '2024-05-01', to: '2024-04-15' })).toBe(
      'Kỳ báo cáo kết thúc (15/04/2024) trước khi bắt đầu (01/05/2024). Chọn lại ngày.',
    );
    expect(refused({ year: 2024, kind: 'range', from: '2023-12-01', to: '2024-01-15' })).toBe('Kỳ báo cáo phải nằm trong năm của kế hoạch (2024).');
    expect(refused({ year: 2024, kind: 'range', from: '2024-02-30', to: '2024-03-01' })).toContain('Nhập đủ ngày bắt đầu và ngày kết thúc');
    expect(refused({ year: 2024, kind: 'quarter', number: 5 })).toBe('Quý báo cáo phải từ 1 đến 4.');
    expect(refused({ year: 2024, kind: 'month', number: 0 })).toBe('Tháng báo cáo phải từ 1 đến 12.');
  });
});

describe('the results report', () => {
  const article = (date: string, areas: string[], channels: string[] = ['web']): ReportArticle => ({
    date,
    title: `Tin ${date}`,
    url: `/tin-tuc/${date}/`,
    areas,
    officer: 'vhxh',
    channels,
  });
  const activity = (startDate: string, endDate: string | null, confirmed = true): ReportActivity => ({
    startDate,
    endDate,
    title: `Phát thanh ${startDate}`,
    channel: 'loa',
    areas: ['b'],
    officer: 'vp',
    quantity: 10,
    unit: 'lượt phát thanh',
    place: null,
    confirmed,
  });
  const report = buildResultsReport({
    period: resolvePeriod({ year: 2024, kind: 'quarter', number: 2 }),
    plan: { year: 2024, title: 'Kế hoạch', number: '15/KH-UBND' },
    ward: { wardName: 'phường Hưng Đạo', cityName: 'Hải Phòng', parentUnitName: null, reportRecipient: 'UBND thành phố' },
    areas: [
      { key: 'a', name: 'a) Chủ trương' },
      { key: 'b', name: 'b) Người đứng đầu' },
      { key: 'c', name: 'c) Chương trình tổng thể' },
    ],
    channels: [
      { key: 'web', name: 'Cổng thông tin điện tử' },
      { key: 'loa', name: 'Truyền thanh phường' },
      { key: 'pano', name: 'Băng rôn, khẩu hiệu' },
    ],
    officers: [
      { key: 'vhxh', name: 'Công chức Văn hóa - Xã hội' },
      { key: 'vp', name: 'Văn phòng - Thống kê' },
    ],
    articles: [article('2024-03-31', ['a']), article('2024-04-01', ['a']), article('2024-06-30', ['a', 'b']), article('2024-07-01', ['c'])],
    activities: [activity('2024-03-25', '2024-04-02'), activity('2024-05-10', null), activity('2024-05-11', null, false), activity('2024-07-01', null)],
  });

  it("counts the period's articles by their day and the confirmed activities whose days overlap it", () => {
    expect(report.totals).toEqual({ articles: 2, activities: 2, unconfirmedActivities: 1 });
    expect(report.byArea.map((row) => [row.key, row.articles, row.activities])).toEqual([
      ['a', 2, 0],
      ['b', 1, 2],
      ['c', 0, 0],
    ]);
    expect(report.byChannel.map((row) => [row.key, row.articles, row.activities, row.quantities])).toEqual([
      ['web', 2, 0, ''],
      ['loa', 0, 2, '20 lượt phát thanh'],
      ['pano', 0, 0, ''],
    ]);
    // An activity that began before the period counts in the period's first month.
    expect(report.byMonth.map((row) => [row.name, row.articles, row.activities])).toEqual([
      ['Tháng 4/2024', 1, 1],
      ['Tháng 5/2024', 0, 1],
      ['Tháng 6/2024', 1, 0],
    ]);
  });

  it('lists the areas and channels with nothing in the period as gaps, and drafts a summary that says so', () => {
    expect(report.gaps).toEqual({ areas: ['c) Chương trình tổng thể'], channels: ['Băng rôn, khẩu hiệu'] });
    expect(report.summary).toContain('Trong quý II năm 2024, Ủy ban nhân dân phường Hưng Đạo đã đăng 2 tin bài');
    expect(report.summary).toContain('2/3 nội dung tuyên truyền');
    expect(report.activities[0].date).toBe('25/03/2024 - 02/04/2024');
  });
});
