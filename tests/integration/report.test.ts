// The plan's results report and the activities it counts, on a real CMS seeded with the 2024
// plan, its demo articles and its demo activities: the counts against ones computed here from the
// CMS's documents, the Word and Excel files read back, the command line, who may do what, and
// bad input refused in Vietnamese with nothing saved.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateInVietnam } from '@loa/shared/dates';
import { rootDir } from '@loa/scripts/lib/paths.ts';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { runCommand } from '../lib/run.ts';
import { AUTHOR, EDITOR, editorialUsers, startTempCms, type TempCms } from '../lib/temp-cms.ts';

const ACTIVITIES = '/content-manager/collection-types/api::activity.activity';
const Q2 = { year: 2024, kind: 'quarter', number: 2 };
const Q2_FROM = '2024-04-01';
const Q2_TO = '2024-06-30';

let cms: TempCms & { secrets: Record<string, string> };
let editor: AdminApi;
let author: AdminApi;

interface Row {
  key: string;
  name: string;
  articles: number;
  activities: number;
}

async function report(api: AdminApi, query: Record<string, string | number>) {
  return api.request('GET', `/content-manager/results-report?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
}

/** Everything the admin's edit screen shows of each activity, relations included. */
interface ActivityDocument {
  documentId: string;
  startDate: string;
  endDate: string | null;
  confirmed: boolean;
  channel: string | null;
  areas: string[];
  officer: string | null;
}

async function allActivities(api: AdminApi): Promise<ActivityDocument[]> {
  const list = (await api.request('GET', `${ACTIVITIES}?page=1&pageSize=100`)).body.results as Array<{
    documentId: string;
    startDate: string;
    endDate: string | null;
    confirmed: boolean;
  }>;
  const relation = async (documentId: string, field: string) =>
    ((await api.request('GET', `/content-manager/relations/api::activity.activity/${documentId}/${field}?pageSize=100`)).body.results ?? []).map(
      (entry: { documentId: string }) => entry.documentId,
    ) as string[];
  return Promise.all(
    list.map(async (activity) => ({
      ...activity,
      channel: (await relation(activity.documentId, 'channel'))[0] ?? null,
      areas: await relation(activity.documentId, 'contentAreas'),
      officer: (await relation(activity.documentId, 'responsibleOfficer'))[0] ?? null,
    })),
  );
}

beforeAll(async () => {
  cms = await startTempCms({ env: editorialUsers });
  editor = await AdminApi.login(cms.url, EDITOR.email, EDITOR.password);
  author = await AdminApi.login(cms.url, AUTHOR.email, AUTHOR.password);
});

afterAll(async () => {
  await cms?.stop();
  if (cms) rmSync(cms.dir, { recursive: true, force: true });
});

describe('the results report', () => {
  it('counts what the CMS holds for a period: articles and confirmed activities per area, channel, officer and month, and the gaps', async () => {
    const answer = await report(editor, Q2);
    expect(answer.status).toBe(200);
    const result = answer.body;

    // The same counts, from the documents.
    const published = (
      await contentApi(
        cms.url,
        'articles?status=published&pagination[pageSize]=100&fields[0]=firstPublishedAt&populate[contentAreas][fields][0]=documentId&populate[responsibleOfficer][fields][0]=documentId&populate[channels][fields][0]=documentId',
        cms.setup.siteToken,
      )
    ).body.data as Array<{
      firstPublishedAt: string;
      contentAreas: { documentId: string }[];
      responsibleOfficer: { documentId: string } | null;
      channels: { documentId: string }[];
    }>;
    const articles = published.filter((a) => isoDateInVietnam(a.firstPublishedAt) >= Q2_FROM && isoDateInVietnam(a.firstPublishedAt) <= Q2_TO);
    const activities = (await allActivities(editor)).filter((a) => a.confirmed && a.startDate <= Q2_TO && (a.endDate ?? a.startDate) >= Q2_FROM);
    expect(articles.length).toBeGreaterThan(0);
    expect(activities.length).toBe(4);
    const expected = (articleKeys: (a: (typeof articles)[number]) => string[], activityKeys: (a: (typeof activities)[number]) => string[], rows: Row[]) =>
      rows.map((row) => ({
        key: row.key,
        articles: articles.filter((a) => articleKeys(a).includes(row.key)).length,
        activities: activities.filter((a) => activityKeys(a).includes(row.key)).length,
      }));
    const counts = (rows: Row[]) => rows.map(({ key, articles, activities }) => ({ key, articles, activities }));
    expect(result.totals).toEqual({ articles: articles.length, activities: 4, unconfirmedActivities: 0 });
    expect(result.byArea).toHaveLength(11);
    expect(counts(result.byArea)).toEqual(
      expected(
        (a) => a.contentAreas.map((c) => c.documentId),
        (a) => a.areas,
        result.byArea,
      ),
    );
    expect(result.byChannel).toHaveLength(7);
    expect(counts(result.byChannel)).toEqual(
      expected(
        (a) => a.channels.map((c) => c.documentId),
        (a) => (a.channel ? [a.channel] : []),
        result.byChannel,
      ),
    );
    expect(counts(result.byOfficer)).toEqual(
      expected(
        (a) => (a.responsibleOfficer ? [a.responsibleOfficer.documentId] : []),
        (a) => (a.officer ? [a.officer] : []),
        result.byOfficer,
      ),
    );
    expect(result.byMonth.map((row: Row) => row.name)).toEqual(['Tháng 4/2024', 'Tháng 5/2024', 'Tháng 6/2024']);
    expect(result.byMonth.reduce((sum: number, row: Row) => sum + row.articles, 0)).toBe(articles.length);
    expect(result.gaps.areas).toEqual(result.byArea.filter((row: Row) => !row.articles && !row.activities).map((row: Row) => row.name));
    expect(result.gaps.areas.length).toBeGreaterThan(0);
    expect(result.articles).toHaveLength(articles.length);
    expect(result.activities.map((a: { title: string }) => a.title)).toContain('Hội nghị đối thoại giữa lãnh đạo phường với nhân dân');
    expect(result.period.label).toBe('quý II năm 2024');
  });

  it('comes out as a Word report with the national header, the title, every table, the gaps and the summary the officer wrote', async () => {
    const json = (await report(editor, Q2)).body;
    const response = await editor.fetch('/content-manager/results-report/docx', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...Q2, summary: 'Quý II, phường đã tập trung tuyên truyền dịch vụ công trực tuyến.' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toContain('bao-cao-ket-qua-tuyen-truyen-cchc-2024-04-01-2024-06-30.docx');
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1].replace(/&amp;/g, '&')).join('\n');
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'BÁO CÁO',
      'Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2024',
      '(quý II năm 2024)',
      'Quý II, phường đã tập trung tuyên truyền dịch vụ công trực tuyến.',
      'II. KẾT QUẢ THEO NỘI DUNG TUYÊN TRUYỀN',
      'III. KẾT QUẢ THEO HÌNH THỨC TUYÊN TRUYỀN',
      'V. NỘI DUNG, HÌNH THỨC CHƯA THỰC HIỆN TRONG KỲ',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
    ]) {
      expect(text, line).toContain(line);
    }
    for (const gap of json.gaps.areas) expect(text).toContain(`- ${gap}.`);
    for (const row of json.byArea as Row[]) expect(text).toContain(row.name);
    for (const article of json.articles as Array<{ title: string }>) expect(text).toContain(article.title);
    // Tables: the page top, areas, channels, officers, months, articles, activities, the signature.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(8);
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('w:left="1701"');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('Times New Roman');
  });

  it('comes out as an Excel workbook whose sheets hold the same numbers, as numbers', async () => {
    const json = (await report(editor, Q2)).body;
    const response = await editor.fetch('/content-manager/results-report/xlsx?year=2024&kind=quarter&number=2');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Tổng hợp',
      'Theo nội dung',
      'Theo hình thức',
      'Theo cán bộ',
      'Theo tháng',
      'Chưa thực hiện',
      'Tin bài',
      'Hoạt động',
    ]);
    const rows = (name: string) => {
      const found: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row, number) => {
        if (number > 3) found.push((row.values as unknown[]).slice(1, 4));
      });
      return found;
    };
    expect(rows('Theo nội dung')).toEqual(json.byArea.map((row: Row) => [row.name, row.articles, row.activities]));
    expect(rows('Theo hình thức')).toEqual(json.byChannel.map((row: Row) => [row.name, row.articles, row.activities]));
    expect(rows('Theo cán bộ')).toEqual(json.byOfficer.map((row: Row) => [row.name, row.articles, row.activities]));
    expect(rows('Theo tháng')).toEqual(json.byMonth.map((row: Row) => [row.name, row.articles, row.activities]));
    expect(rows('Tin bài')).toHaveLength(json.articles.length);
    expect(workbook.getWorksheet('Tổng hợp')!.getCell('B4').value).toBe(json.totals.articles);
  });

  it('comes out the same from the command line', async () => {
    const json = (await report(editor, Q2)).body;
    const result = await runCommand(
      process.execPath,
      [join(rootDir, 'scripts', 'report.ts'), '--year', '2024', '--quarter', '2', '--format', 'json', '--out', '-'],
      {
        cwd: rootDir,
        env: {
          PATH: process.env.PATH,
          ...cms.secrets,
          ENV_PATH: '/dev/null',
          DATABASE_CLIENT: 'sqlite',
          DATABASE_FILENAME: join(cms.dir, 'data.db'),
          PUBLIC_DIR: join(cms.dir, 'public'),
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(json);
    const refused = await runCommand(
      process.execPath,
      [join(rootDir, 'scripts', 'report.ts'), '--year', '2024', '--from', '2024-05-01', '--to', '2024-04-01'],
      {
        cwd: rootDir,
        env: { PATH: process.env.PATH },
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Kỳ báo cáo kết thúc (01/04/2024) trước khi bắt đầu (01/05/2024).');
  });

  it('refuses, in Vietnamese, a period that ends before it starts and a year with no plan', async () => {
    const backwards = await report(editor, { year: 2024, kind: 'range', from: '2024-05-01', to: '2024-04-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('Kỳ báo cáo kết thúc (01/04/2024) trước khi bắt đầu (01/05/2024). Chọn lại ngày.');
    const noPlan = await report(editor, { year: 2031, kind: 'year' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.error.message).toBe('Chưa có kế hoạch tuyên truyền năm 2031; không lập được báo cáo cho năm này.');
  });
});

describe('activities off the portal', () => {
  async function taxonomy() {
    const first = async (type: string) =>
      (await editor.request('GET', `/content-manager/collection-types/${type}?page=1&pageSize=1&sort=order:asc`)).body.results[0].documentId as string;
    return {
      channel: await first('api::channel.channel'),
      area: await first('api::content-area.content-area'),
      officer: await first('api::responsible-officer.responsible-officer'),
    };
  }
  const activity = (ids: { channel: string; area: string; officer: string }, extra: Record<string, unknown> = {}) => ({
    title: 'Phát thanh lịch tiếp công dân',
    startDate: '2024-08-05',
    channel: { connect: [{ documentId: ids.channel }] },
    contentAreas: { connect: [{ documentId: ids.area }] },
    responsibleOfficer: { connect: [{ documentId: ids.officer }] },
    quantity: 6,
    unit: 'lượt phát thanh',
    ...extra,
  });

  it('are never in the public API', async () => {
    for (const path of ['activities', 'activity', 'ACTIVITIES']) expect((await contentApi(cms.url, path, cms.setup.siteToken)).status).toBe(404);
  });

  it("are recorded by an Author, who cannot confirm them or see other officers' ones, and confirmed by an Editor", async () => {
    const ids = await taxonomy();
    const created = await author.request('POST', ACTIVITIES, activity(ids, { confirmed: true }));
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    // Her own only: none of the seeded ones, whoever confirmed them.
    const hers = (await author.request('GET', `${ACTIVITIES}?page=1&pageSize=100`)).body.results as Array<{ documentId: string; confirmed: boolean }>;
    expect(hers.map((a) => a.documentId)).toEqual([documentId]);
    expect(hers[0].confirmed).toBe(false);
    const seeded = (await editor.request('GET', `${ACTIVITIES}?page=1&pageSize=100`)).body.results as Array<{ documentId: string }>;
    expect(seeded.length).toBe(10);
    const other = seeded.find((a) => a.documentId !== documentId)!.documentId;
    expect((await author.request('GET', `${ACTIVITIES}/${other}`)).status).toBe(403);
    expect((await author.request('PUT', `${ACTIVITIES}/${other}`, { quantity: 1 })).status).toBe(403);
    // She cannot give herself the report either.
    const denied = await report(author, Q2);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Chỉ Biên tập viên và quản trị viên lập được báo cáo kết quả.');

    const confirmed = await editor.request('PUT', `${ACTIVITIES}/${documentId}`, { confirmed: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data).toMatchObject({ confirmed: true, confirmedBy: 'Lãnh đạo UBND phường' });
    const q3 = { year: 2024, kind: 'quarter', number: 3 };
    const before = (await report(editor, q3)).body.totals;
    // Her edit after the confirmation takes it back: the report counts only what was confirmed.
    expect((await author.request('PUT', `${ACTIVITIES}/${documentId}`, { quantity: 8 })).status).toBe(200);
    expect((await editor.request('GET', `${ACTIVITIES}/${documentId}`)).body.data).toMatchObject({ quantity: 8, confirmed: false, confirmedBy: null });
    expect((await report(editor, q3)).body.totals).toMatchObject({
      activities: before.activities - 1,
      unconfirmedActivities: before.unconfirmedActivities + 1,
    });
  });

  it("refuse a negative quantity, a date outside the plan's year and an end before the start, in Vietnamese, saving nothing", async () => {
    const ids = await taxonomy();
    const count = async () => (await editor.request('GET', `${ACTIVITIES}?page=1&pageSize=1`)).body.pagination.total as number;
    const before = await count();
    const plan = (await editor.request('GET', '/content-manager/collection-types/api::plan.plan?page=1&pageSize=1')).body.results[0].documentId;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ quantity: -5 }, 'Số lượng phải là số nguyên không âm; đang nhập -5.'],
      [{ startDate: '2025-03-01', plan: { connect: [{ documentId: plan }] } }, 'Hoạt động ngày 01/03/2025 nằm ngoài năm của kế hoạch 2024.'],
      [{ startDate: '2025-03-01' }, 'Chưa có kế hoạch tuyên truyền năm 2025; nhập kế hoạch năm 2025 trước khi ghi hoạt động.'],
      [{ startDate: '2024-08-05', endDate: '2024-08-01' }, 'Ngày kết thúc (01/08/2024) phải trùng hoặc sau ngày bắt đầu (05/08/2024).'],
      [{ channel: { connect: [] } }, 'Cần chọn hình thức tuyên truyền của hoạt động.'],
    ];
    for (const [extra, message] of cases) {
      const refused = await author.request('POST', ACTIVITIES, activity(ids, extra));
      expect(refused.status, message).toBe(400);
      expect(refused.body.error.message).toBe(message);
    }
    // An edit cannot make a saved one wrong either, and leaves it as it was.
    const saved = (await editor.request('GET', `${ACTIVITIES}?page=1&pageSize=1&sort=startDate:asc`)).body.results[0];
    const edit = await editor.request('PUT', `${ACTIVITIES}/${saved.documentId}`, { quantity: -1 });
    expect(edit.body.error.message).toBe('Số lượng phải là số nguyên không âm; đang nhập -1.');
    expect((await editor.request('GET', `${ACTIVITIES}/${saved.documentId}`)).body.data.quantity).toBe(saved.quantity);
    expect(await count()).toBe(before);
  });
});
