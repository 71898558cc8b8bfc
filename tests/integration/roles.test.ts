// Roles that hold: what the drafting officer (Author) can and cannot do through the admin routes
// her browser uses, what no admin account reaches past its role, and what the content API, the
// preview API and the upload route give to anybody. A real CMS on its own SQLite database, with
// the scheduler ticking every 3 s.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_TOKEN_NAME } from '@loa/scripts/cms/setup.ts';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { ADMIN, AUTHOR, EDITOR, editorialUsers, startTempCms, type TempCms } from '../lib/temp-cms.ts';
import { eventually } from '../lib/wait.ts';

const ARTICLE = 'api::article.article';
const PREVIEW_SECRET = 'kiem-thu-ky-lien-ket-xem-truoc';
const PREVIEW_API_SECRET = 'kiem-thu-doc-ban-nhap-qua-api';

let cms: TempCms & { secrets: Record<string, string> };
let admin: AdminApi;
let editor: AdminApi;
let author: AdminApi;
let taxonomy: { areas: string[]; officers: string[]; channels: string[] };

function env() {
  return { SCHEDULER_RULE: '*/3 * * * * *', PREVIEW_URL: 'http://127.0.0.1:9', PREVIEW_SECRET, PREVIEW_API_SECRET, ...editorialUsers };
}

let serial = 0;
function article(extra: Record<string, unknown> = {}) {
  serial += 1;
  return {
    title: `Tin thử phân quyền số ${serial}`,
    slug: `tin-thu-phan-quyen-${serial}-${Date.now()}`,
    summary: 'Tin thử để kiểm tra phân quyền của cổng thông tin.',
    body: `Nội dung tin thử số ${serial}.`,
    contentAreas: { connect: [{ documentId: taxonomy.areas[0] }] },
    responsibleOfficer: { connect: [{ documentId: taxonomy.officers[0] }] },
    ...extra,
  };
}

async function documentIds(path: string): Promise<string[]> {
  const { status, body } = await contentApi(cms.url, `${path}?pagination[pageSize]=100`, cms.setup.siteToken);
  expect(status).toBe(200);
  return body.data.map((entry: { documentId: string }) => entry.documentId);
}

beforeAll(async () => {
  cms = await startTempCms({ env: env() });
  admin = await AdminApi.login(cms.url, ADMIN.email, ADMIN.password);
  editor = await AdminApi.login(cms.url, EDITOR.email, EDITOR.password);
  author = await AdminApi.login(cms.url, AUTHOR.email, AUTHOR.password);
  taxonomy = { areas: await documentIds('content-areas'), officers: await documentIds('responsible-officers'), channels: await documentIds('channels') };
});

afterAll(async () => {
  await cms?.stop();
  if (cms) rmSync(cms.dir, { recursive: true, force: true });
});

describe('the drafting officer (Author)', () => {
  it('sees every content area, responsible officer and channel in the article form pickers and saves a tagged draft', async () => {
    expect(taxonomy.areas).toHaveLength(11);
    const pickers = { contentAreas: taxonomy.areas, responsibleOfficer: taxonomy.officers, channels: taxonomy.channels };
    for (const [field, expected] of Object.entries(pickers)) {
      // The picker of a new article's form.
      const offered = await author.request('GET', `/content-manager/relations/${ARTICLE}/${field}?pageSize=100`);
      expect(offered.status, field).toBe(200);
      expect(offered.body.results.map((entry: { documentId: string }) => entry.documentId).sort(), field).toEqual([...expected].sort());
    }
    const saved = await author.createArticle(
      article({
        contentAreas: { connect: taxonomy.areas.slice(0, 2).map((documentId) => ({ documentId })) },
        channels: { connect: [{ documentId: taxonomy.channels[0] }] },
      }),
    );
    expect(saved.status).toBe(201);
    const documentId = saved.body.data.documentId;
    // The picker of the saved article's form lists what is tagged, and still offers the rest.
    const tagged = await author.request('GET', `/content-manager/relations/${ARTICLE}/${documentId}/contentAreas`);
    expect(tagged.status).toBe(200);
    expect(tagged.body.results.map((entry: { documentId: string }) => entry.documentId).sort()).toEqual(taxonomy.areas.slice(0, 2).sort());
    const officer = await author.request('GET', `/content-manager/relations/${ARTICLE}/${documentId}/responsibleOfficer`);
    expect(officer.body.results.map((entry: { documentId: string }) => entry.documentId)).toEqual([taxonomy.officers[0]]);
    const rest = await author.request('GET', `/content-manager/relations/${ARTICLE}/contentAreas?id=${documentId}&pageSize=100`);
    expect(rest.body.results).toHaveLength(9);
  });

  it("cannot change the plan's taxonomy", async () => {
    const area = taxonomy.areas[0];
    const base = '/content-manager/collection-types/api::content-area.content-area';
    expect((await author.request('GET', `${base}/${area}`)).status).toBe(200);
    expect((await author.request('PUT', `${base}/${area}`, { shortTitle: 'Đã sửa' })).status).toBe(403);
    expect((await author.request('POST', base, { shortTitle: 'Mới', letter: 'z', slug: 'moi', fullText: 'x', order: 99 })).status).toBe(403);
    expect((await author.request('DELETE', `${base}/${area}`)).status).toBe(403);
    const still = await contentApi(cms.url, `content-areas?filters[documentId][$eq]=${area}`, cms.setup.siteToken);
    expect(still.body.data).toHaveLength(1);
    expect(still.body.data[0].shortTitle).not.toBe('Đã sửa');
  });

  it("cannot set the Editor's fields: featured, first publication date, schedule", async () => {
    const created = await author.createArticle(
      article({ featured: true, firstPublishedAt: '2020-01-01T00:00:00.000Z', publishAt: new Date(Date.now() + 3_000).toISOString() }),
    );
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect((await author.updateArticle(documentId, { featured: true, firstPublishedAt: '2020-01-01T00:00:00.000Z' })).status).toBe(200);
    const stored = (await editor.getArticle(documentId)).body.data;
    expect(stored.featured).toBe(false);
    expect(stored.firstPublishedAt).toBeNull();
    expect(stored.publishAt).toBeNull();
  });

  it("deletes only her own drafts that never went out; unpublishing and deleting a published article are the Editor's", async () => {
    const own = (await author.createArticle(article())).body.data.documentId;
    const editorsDraft = (await editor.createArticle(article())).body.data.documentId;
    expect((await author.deleteArticle(editorsDraft)).status).toBe(403);
    expect((await editor.getArticle(editorsDraft)).status).toBe(200);

    // Her article, published by the Editor: it is on the portal now.
    const published = (await author.createArticle(article())).body.data.documentId;
    expect((await editor.publishArticle(published)).status).toBe(200);
    // Publishing stamped the date residents read.
    expect((await contentApi(cms.url, `articles/${published}`, cms.setup.siteToken)).body.data.firstPublishedAt).toMatch(/^\d{4}-/);
    const refused = await author.deleteArticle(published);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('chỉ biên tập viên được gỡ hoặc xóa tin bài đã đăng');
    expect((await author.unpublishArticle(published)).status).toBe(403);
    const bulk = await author.request('POST', `/content-manager/collection-types/${ARTICLE}/actions/bulkDelete`, { documentIds: [published] });
    expect(bulk.status).toBe(403);
    expect((await contentApi(cms.url, `articles/${published}`, cms.setup.siteToken)).status).toBe(200);

    // Withdrawn by the Editor, it was still published once: not hers to delete.
    expect((await editor.unpublishArticle(published)).status).toBe(200);
    expect((await author.deleteArticle(published)).status).toBe(403);
    expect((await editor.getArticle(published)).status).toBe(200);

    expect((await author.deleteArticle(own)).status).toBe(200);
    expect((await editor.getArticle(own)).status).toBe(404);
    expect((await editor.deleteArticle(published)).status).toBe(200);
  });
});

describe('what an Author must not reach', () => {
  it("gets no preview link and no clone of another officer's draft, but of her own", async () => {
    const secret = (await editor.createArticle(article({ title: 'Dự thảo của lãnh đạo NHAP-MAT-7731', body: 'NỘI DUNG MẬT NHAP-MAT-7731' }))).body.data
      .documentId;
    const own = (await author.createArticle(article())).body.data.documentId;
    const previewUrl = (documentId: string) => `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&status=draft`;
    expect((await author.request('GET', previewUrl(secret))).status).toBe(403);
    const ownLink = await author.request('GET', previewUrl(own));
    expect(ownLink.status).toBe(200);
    expect(ownLink.body.data.url).toContain(`/xem-truoc/${own}/`);
    expect((await editor.request('GET', previewUrl(secret))).status).toBe(200);

    const clone = (documentId: string) =>
      author.request('POST', `/content-manager/collection-types/${ARTICLE}/clone/${documentId}`, { title: 'Bản sao', slug: `ban-sao-${Date.now()}` });
    const refused = await clone(secret);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('NHAP-MAT-7731');
    expect((await author.request('POST', `/content-manager/collection-types/${ARTICLE}/auto-clone/${secret}`, {})).status).toBe(403);
    // Another spelling of the same route meets the same check.
    expect(
      (await author.request('POST', `/CONTENT-MANAGER/collection-types/${ARTICLE}/clone/${secret}`, { title: 'Bản sao', slug: `ban-sao-hoa-${Date.now()}` }))
        .status,
    ).toBe(403);
    const mine = await clone(own);
    expect(mine.status).toBe(200);
  });

  it('publishes at the scheduled time only what the Editor scheduled: a later edit by the Author cancels the schedule, with a Vietnamese note', async () => {
    const documentId = (await author.createArticle(article({ title: 'Bài hẹn giờ đã duyệt 8812', body: 'Bản đã duyệt.' }))).body.data.documentId;
    expect((await editor.updateArticle(documentId, { publishAt: new Date(Date.now() + 6_000).toISOString() })).status).toBe(200);
    expect((await author.updateArticle(documentId, { body: 'SỬA SAU KHI HẸN GIỜ 8812' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const after = (await editor.getArticle(documentId)).body.data;
    expect(after.publishedAt).toBeNull();
    expect(after.publishAt).toBeNull();
    expect(after.scheduleNote).toMatch(/^Đã hủy hẹn giờ xuất bản \(.+\) vì tin bài được sửa sau khi hẹn giờ\. Biên tập viên cần duyệt lại và hẹn giờ lại\.$/);
    // She sees why, on her own article.
    expect((await author.getArticle(documentId)).body.data.scheduleNote).toBe(after.scheduleNote);
    expect((await contentApi(cms.url, `articles/${documentId}`, cms.setup.siteToken)).status).toBe(404);

    // The Editor reviews and schedules again (her own edits keep the schedule): that goes out.
    expect((await editor.updateArticle(documentId, { publishAt: new Date(Date.now() + 3_000).toISOString() })).status).toBe(200);
    expect((await editor.updateArticle(documentId, { title: 'Bài hẹn giờ đã duyệt lại 8812' })).status).toBe(200);
    await eventually(
      async () => (await contentApi(cms.url, `articles/${documentId}`, cms.setup.siteToken)).status === 200,
      30_000,
      'rescheduled article published',
    );
    const live = (await contentApi(cms.url, `articles/${documentId}`, cms.setup.siteToken)).body.data;
    expect(live.title).toBe('Bài hẹn giờ đã duyệt lại 8812');
    expect(live.body).toBe('SỬA SAU KHI HẸN GIỜ 8812');
    // Carried out, the schedule is used up: the scheduler does not publish it again every tick.
    const done = (await editor.getArticle(documentId)).body.data;
    expect(done.scheduleNote).toBeNull();
    expect(done.publishAt).toBeNull();
    expect(done.firstPublishedAt).toMatch(/^\d{4}-/);
  });

  it('gets nothing from the preview API without its own secret, and nothing but the article from it', async () => {
    const documentId = (await author.createArticle(article({ title: 'Bản nháp xem trước 6620' }))).body.data.documentId;
    const ask = (query: string, secret: string) => fetch(`${cms.url}/api/preview/articles/${documentId}${query}`, { headers: { 'X-Preview-Secret': secret } });
    // The link-signing secret is not the server-to-server one.
    expect((await ask('', PREVIEW_SECRET)).status).toBe(404);
    expect((await ask('', '')).status).toBe(404);
    const answer = await ask('?populate[createdBy]=*&populate[updatedBy][populate]=*&settingsPopulate[createdBy]=*', PREVIEW_API_SECRET);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    const body = JSON.parse(text);
    expect(body.data.title).toBe('Bản nháp xem trước 6620');
    expect(body.data.contentAreas).toHaveLength(1);
    expect(body.data.responsibleOfficer.documentId).toBe(taxonomy.officers[0]);
    expect(body.settings.hotlines.length).toBeGreaterThan(0);
    expect(body.data.createdBy).toBeUndefined();
    expect(body.settings.createdBy).toBeUndefined();
    for (const secret of ['password', 'registrationToken', 'resetPasswordToken', AUTHOR.email]) expect(text).not.toContain(secret);
  });

  it("finds only the site's read-only token among the API tokens", async () => {
    const tokens = await admin.request('GET', '/admin/api-tokens');
    expect(tokens.status).toBe(200);
    expect(tokens.body.data.map((token: { name: string }) => token.name)).toEqual([SITE_TOKEN_NAME]);
  });
});

describe('the content API', () => {
  it('gives the site token no draft, however the request asks', async () => {
    const draft = (await editor.createArticle(article({ title: 'Dự thảo chưa duyệt NHAP-KIN-5150' }))).body.data.documentId;
    const publishedThenEdited = (await editor.createArticle(article())).body.data.documentId;
    expect((await editor.publishArticle(publishedThenEdited)).status).toBe(200);
    expect((await editor.updateArticle(publishedThenEdited, { title: 'Bản sửa chưa duyệt NHAP-KIN-5150' })).status).toBe(200);
    const paths = [
      'articles?status=draft',
      'ARTICLES?status=draft',
      'Articles?status=Draft',
      'articles?status[0]=draft',
      'articles?status=published&status=draft',
      `articles/${draft}`,
      `articles/${draft}?status=draft`,
      `articles/${publishedThenEdited}?status=draft`,
      'articles?filters[title][$contains]=NHAP-KIN-5150',
      'content-areas?populate[articles][fields][0]=title&pagination[pageSize]=100',
      'content-areas?populate[articles][fields][0]=title&status=draft',
      'responsible-officers?populate=articles&status=draft',
      'articles?populate[contentAreas][populate][articles][fields][0]=title&pagination[pageSize]=100',
      'plans?populate[contentAreas][populate][articles][fields][0]=title',
      'site-setting?status=draft',
    ];
    for (const path of paths) {
      for (const prefix of ['/api/', '/API/', '/Api/']) {
        const response = await fetch(`${cms.url}${prefix}${path}`, { headers: { Authorization: `Bearer ${cms.setup.siteToken}` } });
        const text = await response.text();
        expect(text, `${prefix}${path}`).not.toContain('NHAP-KIN-5150');
        expect([200, 400, 403, 404], `${prefix}${path}`).toContain(response.status);
      }
    }
    const refused = await contentApi(cms.url, 'articles?status=draft', cms.setup.siteToken);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only published content is available through the content API.');
  });

  it('answers no other origin from a browser, for the API or the admin', async () => {
    for (const path of ['/api/articles', '/admin/access-token', '/admin/login']) {
      const preflight = await fetch(`${cms.url}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://127.0.0.1:4321', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials'), path).toBeNull();
      const simple = await fetch(`${cms.url}${path}`, { headers: { Origin: 'https://evil.example', Authorization: `Bearer ${cms.setup.siteToken}` } });
      expect(simple.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });
});

describe('uploads', () => {
  const html = '<!doctype html><script>fetch("/admin/access-token",{method:"POST",credentials:"include"})</script>';

  it('accepts an image, a PDF, a Word file and a text file whose content matches the extension', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const uploaded = await author.upload([
      { name: 'anh-hop-dan.png', type: 'image/png', bytes: png },
      { name: 'thong-bao.pdf', type: 'application/pdf', bytes: pdf },
      { name: 'danh-sach.csv', type: 'text/csv', bytes: 'Họ tên,Tổ dân phố\nNguyễn Văn A,3\n' },
    ]);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.map((file: { ext: string }) => file.ext).sort()).toEqual(['.csv', '.pdf', '.png']);
    // Replacing a file keeps its id, and so would change what a published article shows: an
    // Editor's act, not hers, even for her own upload.
    const other = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#00c' } })
      .png()
      .toBuffer();
    const photo = uploaded.body.find((file: { ext: string }) => file.ext === '.png');
    const replaced = await author.upload([{ name: 'anh-hop-dan.png', type: 'image/png', bytes: other }], `/upload?id=${photo.id}`);
    expect(replaced.status).toBe(403);
    expect((await editor.upload([{ name: 'anh-hop-dan.png', type: 'image/png', bytes: other }], `/upload?id=${photo.id}`)).status).toBe(200);
  });

  it('refuses, in Vietnamese, a file with an unknown extension or content that is not what its extension says', async () => {
    const cases = [
      { name: 'thong-bao.xyz', type: 'application/pdf', bytes: html },
      { name: 'thong-bao.html', type: 'text/html', bytes: html },
      { name: 'thong-bao.svg', type: 'image/png', bytes: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' },
      { name: 'thong-bao.pdf', type: 'application/pdf', bytes: html },
      { name: 'anh.png', type: 'image/png', bytes: html },
      { name: 'bao-cao.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: html },
      { name: 'khong-co-duoi', type: 'image/png', bytes: html },
    ];
    const before = (await admin.request('GET', '/upload/files?pageSize=100')).body.results.length;
    for (const file of cases) {
      for (const path of ['/upload', '/UPLOAD']) {
        const refused = await author.upload([file], path);
        expect(refused.status, `${file.name} ${path}`).toBe(400);
        expect(refused.body.error.message, file.name).toContain(`Không tải lên được tệp "${file.name}"`);
      }
    }
    // One bad file in a batch refuses the batch, and nothing of it is stored.
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#0c0' } })
      .png()
      .toBuffer();
    expect((await author.upload([{ name: 'tot.png', type: 'image/png', bytes: png }, cases[0]])).status).toBe(400);
    expect((await admin.request('GET', '/upload/files?pageSize=100')).body.results.length).toBe(before);
  });
});

describe('links', () => {
  it('refuses a javascript: address in a draft save of the site settings or an article, in Vietnamese, and keeps what was saved', async () => {
    const settingsPath = '/content-manager/single-types/api::site-setting.site-setting';
    const current = (await admin.request('GET', settingsPath)).body.data;
    const socialLinks = current.socialLinks.map(({ id: _id, ...link }: Record<string, unknown>) => link);
    for (const url of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' javascript:alert(1)']) {
      const refused = await admin.request('PUT', settingsPath, { socialLinks: [...socialLinks, { network: 'other', label: 'Trang lạ', url }] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.message, url).toContain('không hợp lệ: chỉ chấp nhận địa chỉ bắt đầu bằng https://, http://, mailto: hoặc tel:');
      const related = await admin.request('PUT', settingsPath, { relatedLinks: [{ label: 'Cổng lạ', url }] });
      expect(related.status, url).toBe(400);
      const legal = await author.createArticle(article({ legalReferences: [{ documentNumber: '01/2024/TT', title: 'Văn bản thử', url }] }));
      expect(legal.status, url).toBe(400);
    }
    const kept = (await admin.request('GET', settingsPath)).body.data;
    expect(kept.socialLinks.map((link: { url: string }) => link.url)).toEqual(current.socialLinks.map((link: { url: string }) => link.url));
    const fine = await admin.request('PUT', settingsPath, {
      relatedLinks: [
        { label: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' },
        { label: 'Thư góp ý', url: 'mailto:gopy@loaphuong.example.vn' },
        { label: 'Đường dây nóng', url: 'tel:+84 24 3825 1234' },
      ],
    });
    expect(fine.status).toBe(200);
  });
});

describe('the publication log ("Nhật ký xuất bản")', () => {
  const LOG = '/content-manager/collection-types/api::publication-log.publication-log';
  type Entry = {
    action: string;
    articleTitle: string;
    articleSlug: string;
    version: number | null;
    versionSavedAt: string | null;
    actor: string;
    occurredAt: string;
  };
  /** What an Editor reads in the admin's log for one article, oldest first. */
  async function logOf(documentId: string): Promise<Entry[]> {
    const read = await editor.request('GET', `${LOG}?filters[articleDocumentId][$eq]=${documentId}&sort=occurredAt:asc&pageSize=50`);
    expect(read.status).toBe(200);
    return read.body.results;
  }

  it('records who published, withdrew and deleted which version of an article, and keeps it after the delete', async () => {
    const created = await editor.createArticle(article());
    expect(created.status).toBe(201);
    const { documentId, title, slug } = created.body.data;
    expect((await editor.publishArticle(documentId)).status).toBe(200);
    expect((await editor.unpublishArticle(documentId)).status).toBe(200);
    expect((await editor.updateArticle(documentId, { title: `${title} (sửa)` })).status).toBe(200);
    expect((await editor.publishArticle(documentId)).status).toBe(200);
    expect((await editor.deleteArticle(documentId)).status).toBe(200);

    const entries = await logOf(documentId);
    expect(entries.map((entry) => [entry.action, entry.articleTitle, entry.version])).toEqual([
      ['Xuất bản', title, 1],
      ['Gỡ bài', title, 1],
      ['Xuất bản', `${title} (sửa)`, 2],
      ['Xóa', `${title} (sửa)`, 2],
    ]);
    for (const entry of entries) {
      expect(entry.actor).toBe(`Lãnh đạo UBND phường (${EDITOR.email})`);
      expect(entry.articleSlug).toBe(slug);
      expect(Date.parse(entry.occurredAt)).toBeGreaterThan(Date.now() - 120_000);
    }
    // The version that went live the second time is the edited draft, saved after the first.
    expect(Date.parse(entries[2].versionSavedAt!)).toBeGreaterThan(Date.parse(entries[0].versionSavedAt!));
  });

  it("records a publication at the scheduled time as the scheduler's, and an Author's delete of her own draft as hers", async () => {
    const scheduled = await editor.createArticle(article({ publishAt: new Date(Date.now() + 3_000).toISOString() }));
    expect(scheduled.status).toBe(201);
    const documentId = scheduled.body.data.documentId;
    await eventually(async () => (await logOf(documentId)).length > 0, 30_000, 'the scheduled publication in the log');
    expect((await logOf(documentId)).map((entry) => [entry.action, entry.actor, entry.version])).toEqual([['Xuất bản theo hẹn giờ', 'Hẹn giờ tự động', 1]]);

    const draft = await author.createArticle(article());
    expect((await author.deleteArticle(draft.body.data.documentId)).status).toBe(200);
    const [deleted, ...more] = await logOf(draft.body.data.documentId);
    expect(more).toEqual([]);
    expect([deleted.action, deleted.actor, deleted.version]).toEqual(['Xóa', `Công chức Văn hóa - Xã hội (${AUTHOR.email})`, null]);
  });

  it('is read by Editors only, written by nobody through the admin, and not on the public API', async () => {
    const [entry] = (await editor.request('GET', `${LOG}?pageSize=1`)).body.results as Array<{ documentId: string }>;
    expect(entry).toBeDefined();
    // The drafting officer does not see it.
    expect((await author.request('GET', `${LOG}?pageSize=1`)).status).toBe(403);
    // An Editor cannot add, change or remove an entry.
    expect(
      (
        await editor.request('POST', LOG, {
          action: 'Xuất bản',
          articleTitle: 'Giả',
          articleDocumentId: 'gia',
          actor: 'Ai đó',
          occurredAt: new Date().toISOString(),
        })
      ).status,
    ).toBe(403);
    expect((await editor.request('PUT', `${LOG}/${entry.documentId}`, { actor: 'Ai đó' })).status).toBe(403);
    expect((await editor.request('DELETE', `${LOG}/${entry.documentId}`)).status).toBe(403);
    // Nor can the super administrator, whose role grants everything.
    for (const [method, path, body] of [
      ['DELETE', `${LOG}/${entry.documentId}`, undefined],
      ['PUT', `${LOG}/${entry.documentId}`, { actor: 'Ai đó' }],
      ['POST', LOG, { action: 'Xuất bản', articleTitle: 'Giả', articleDocumentId: 'gia', actor: 'Ai đó', occurredAt: new Date().toISOString() }],
    ] as const) {
      const refused = await admin.request(method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error.message).toBe('Nhật ký xuất bản do hệ thống tự ghi; không ai được thêm, sửa hay xóa.');
    }
    expect((await editor.request('GET', `${LOG}/${entry.documentId}`)).status).toBe(200);
    // The portal's token reads nothing of it.
    for (const path of ['publication-logs', 'publication-log', 'PUBLICATION-LOGS']) {
      expect((await contentApi(cms.url, path, cms.setup.siteToken)).status, path).toBe(404);
    }
  });
});

describe('the accounts the setup makes', () => {
  it("carry no registration token, and a restart undoes no administrator's change", async () => {
    const database = join(cms.dir, 'data.db');
    const users = () => {
      const db = new DatabaseSync(database, { readOnly: true });
      try {
        return db.prepare('SELECT email, is_active, registration_token FROM admin_users').all() as Array<{
          email: string;
          is_active: number;
          registration_token: string | null;
        }>;
      } finally {
        db.close();
      }
    };
    expect(
      users()
        .map((user) => user.email)
        .sort(),
    ).toEqual([ADMIN.email, AUTHOR.email, EDITOR.email].sort());
    for (const user of users()) expect(user.registration_token, user.email).toBeNull();

    // The administrator locks the Author out and the Editor changes her password.
    const list = await admin.request('GET', '/admin/users?pageSize=10');
    const authorId = list.body.data.results.find((user: { email: string }) => user.email === AUTHOR.email).id;
    expect((await admin.request('PUT', `/admin/users/${authorId}`, { isActive: false })).status).toBe(200);
    const newPassword = 'MatKhauMoi-2025-an-toan';
    expect((await editor.request('PUT', '/admin/users/me', { currentPassword: EDITOR.password, password: newPassword })).status).toBe(200);

    await cms.stop();
    cms = { ...(await startTempCms({ dir: cms.dir, secrets: cms.secrets, siteToken: cms.setup.siteToken, env: env() })), dir: cms.dir };
    const login = (email: string, password: string) =>
      fetch(`${cms.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect((await login(AUTHOR.email, AUTHOR.password)).status).not.toBe(200);
    expect((await login(EDITOR.email, EDITOR.password)).status).not.toBe(200);
    expect((await login(EDITOR.email, newPassword)).status).toBe(200);
    for (const user of users()) expect(user.registration_token, user.email).toBeNull();
    admin = await AdminApi.login(cms.url, ADMIN.email, ADMIN.password);
    expect((await admin.request('GET', '/admin/api-tokens')).body.data.map((token: { name: string }) => token.name)).toEqual([SITE_TOKEN_NAME]);
  });
});
