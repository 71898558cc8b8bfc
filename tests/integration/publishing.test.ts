// Editors schedule, the portal publishes itself. A real CMS (scheduler ticking every 3 s), the
// real builder fed by the CMS's webhooks, the same static server as `npm start`, and the
// editorial roles: what an Editor and an Author do through the admin API reaches (or never
// reaches) what residents are served.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import sharp from 'sharp';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARD_FOLDER, search, type SearchMeta } from '@loa/shared/search';
import { Builder } from '@loa/scripts/builder/builder.ts';
import { PreviewServer } from '@loa/scripts/builder/preview-server.ts';
import { startWebhookServer } from '@loa/scripts/builder/webhook-server.ts';
import { freePort } from '@loa/scripts/lib/process.ts';
import { serveStatic } from '@loa/scripts/lib/static-server.ts';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { listFiles } from '../lib/built-site.ts';
import { AUTHOR, EDITOR, editorialUsers, startTempCms } from '../lib/temp-cms.ts';
import { eventually } from '../lib/wait.ts';

const SECRET = 'kiem-thu-webhook-bi-mat';
const PREVIEW_SECRET = 'kiem-thu-xem-truoc-bi-mat';
const PREVIEW_API_SECRET = 'kiem-thu-doc-ban-nhap-bi-mat';

let cms: Awaited<ReturnType<typeof startTempCms>>;
let builder: Builder;
let preview: PreviewServer;
let servers: Server[] = [];
let siteUrl: string;
let workDir: string;
let editor: AdminApi;
let author: AdminApi;
let area: string;
let officer: string;

async function status(path: string): Promise<number> {
  return (await fetch(`${siteUrl}${path}`)).status;
}

/** Every text file of the build being served, for "appears nowhere" checks. */
function servedText(): string {
  return listFiles(`${join(workDir, 'current', 'client')}/`)
    .filter((file) => /\.(html|xml|json|txt)$/.test(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Let webhooks arrive, then wait for the builder to finish what they queued. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 700));
  await builder.idle();
}

function articleData(slug: string, extra: Record<string, unknown> = {}) {
  return {
    title: `Thông báo thử nghiệm ${slug}`,
    slug,
    summary: 'Tin thử nghiệm lịch đăng của cổng thông tin phường.',
    body: `Nội dung ${slug}.`,
    contentAreas: { connect: [{ documentId: area }] },
    responsibleOfficer: { connect: [{ documentId: officer }] },
    ...extra,
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'loa-publishing-'));
  const hookPort = await freePort();
  const previewPort = await freePort();
  cms = await startTempCms({
    env: {
      SCHEDULER_RULE: '*/3 * * * * *',
      PREVIEW_URL: `http://127.0.0.1:${previewPort}`,
      PREVIEW_SECRET,
      PREVIEW_API_SECRET,
      BUILDER_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hooks/cms`,
      BUILDER_SECRET: SECRET,
      ...editorialUsers,
    },
  });
  const sitePort = await freePort();
  siteUrl = `http://127.0.0.1:${sitePort}`;
  preview = new PreviewServer({ port: previewPort, env: { ...process.env, CMS_URL: cms.url, PREVIEW_SECRET, PREVIEW_API_SECRET } });
  builder = new Builder({
    cmsUrl: cms.url,
    cmsToken: cms.setup.siteToken,
    siteUrl,
    buildsDir: join(workDir, 'builds'),
    currentLink: join(workDir, 'current'),
    cacheDir: join(workDir, 'cache'),
    debounceMs: 500,
    log: () => {},
    onSwitch: (buildDir) => preview.restart(buildDir),
  });
  expect((await builder.buildNow('initial')).ok).toBe(true);
  servers = [await startWebhookServer(builder, SECRET, hookPort), await serveStatic(join(workDir, 'current', 'client'), sitePort)];
  editor = await AdminApi.login(cms.url, EDITOR.email, EDITOR.password);
  author = await AdminApi.login(cms.url, AUTHOR.email, AUTHOR.password);
  area = (await contentApi(cms.url, 'content-areas?sort=order', cms.setup.siteToken)).body.data[0].documentId;
  officer = (await contentApi(cms.url, 'responsible-officers?sort=order', cms.setup.siteToken)).body.data[0].documentId;
});

afterAll(async () => {
  builder?.stop();
  await preview?.stop();
  for (const server of servers) server.close();
  await cms?.stop();
  rmSync(workDir, { recursive: true, force: true });
  if (cms) rmSync(cms.dir, { recursive: true, force: true });
});

describe('scheduled publishing', () => {
  it('publishes an article scheduled a minute ahead at its time, and not before; an unscheduled one never', async () => {
    const now = Date.now();
    const scheduled = await editor.createArticle(articleData('hen-gio-mot-phut', { publishAt: new Date(now + 60_000).toISOString() }));
    expect(scheduled.status).toBe(201);
    const cancelled = await editor.createArticle(articleData('hen-gio-roi-huy', { publishAt: new Date(now + 40_000).toISOString() }));
    expect(cancelled.status).toBe(201);
    expect((await editor.updateArticle(cancelled.body.data.documentId, { publishAt: null })).status).toBe(200);
    await settled();

    // Before its time: no page, no feed entry, no trace in any served file.
    expect(await status('/tin-tuc/hen-gio-mot-phut/')).toBe(404);
    expect(servedText()).not.toContain('hen-gio-mot-phut');

    const waited = await eventually(async () => (await status('/tin-tuc/hen-gio-mot-phut/')) === 200, 120_000, 'scheduled article served');
    const late = (Date.now() - (now + 60_000)) / 1000;
    expect(Date.now()).toBeGreaterThanOrEqual(now + 60_000);
    console.log(`scheduled article served ${late.toFixed(1)} s after its time (waited ${waited.toFixed(0)} s)`);
    expect(servedText()).toContain('/tin-tuc/hen-gio-mot-phut/');
    const rss = await (await fetch(`${siteUrl}/rss.xml`)).text();
    expect(rss).toContain('Thông báo thử nghiệm hen-gio-mot-phut');

    // The cancelled one's time passed too: still a draft, still absent.
    expect(await status('/tin-tuc/hen-gio-roi-huy/')).toBe(404);
    const draft = await editor.request('GET', `/content-manager/collection-types/api::article.article/${cancelled.body.data.documentId}`);
    expect(draft.body.data.publishedAt).toBeNull();
  });

  it('withdraws a published article at its withdrawal time', async () => {
    const created = await editor.createArticle(articleData('hen-gio-go-bai'));
    const documentId = created.body.data.documentId;
    expect((await editor.publishArticle(documentId)).status).toBe(200);
    await settled();
    expect(await status('/tin-tuc/hen-gio-go-bai/')).toBe(200);
    expect((await editor.updateArticle(documentId, { unpublishAt: new Date(Date.now() + 5_000).toISOString() })).status).toBe(200);
    await eventually(async () => (await status('/tin-tuc/hen-gio-go-bai/')) === 404, 60_000, 'withdrawn article gone');
    expect(servedText()).not.toContain('hen-gio-go-bai');
  });

  it('marks a scheduled article that cannot be published as overdue for editors', async () => {
    const created = await editor.createArticle({
      title: 'Bài hẹn giờ thiếu phân loại',
      slug: 'bai-hen-gio-thieu-phan-loai',
      summary: 'Thiếu nội dung tuyên truyền nên không thể đăng.',
      body: 'x',
      publishAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    });
    const documentId = created.body.data.documentId;
    const note = async () =>
      (await editor.request('GET', `/content-manager/collection-types/api::article.article/${documentId}`)).body.data.scheduleNote as string | null;
    await eventually(async () => Boolean(await note()), 30_000, 'overdue note');
    expect(await note()).toMatch(/^Quá hạn xuất bản \(hẹn .*\): Chưa thể xuất bản/);
    expect(await status('/tin-tuc/bai-hen-gio-thieu-phan-loai/')).toBe(404);
  });
});

describe('an Author (the drafting officer)', () => {
  it('writes a draft but cannot publish it or make it publish later, by any content-manager route', async () => {
    const created = await author.createArticle(articleData('bai-cua-tac-gia', { publishAt: new Date(Date.now() + 3_000).toISOString() }));
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect((await author.publishArticle(documentId)).status).toBe(403);
    expect(
      (await author.request('POST', '/content-manager/collection-types/api::article.article/actions/bulkPublish', { documentIds: [documentId] })).status,
    ).toBe(403);
    await author.updateArticle(documentId, { publishAt: new Date(Date.now() + 3_000).toISOString(), title: 'Bài của tác giả đã sửa' });
    const stored = await editor.request('GET', `/content-manager/collection-types/api::article.article/${documentId}`);
    expect(stored.body.data.title).toBe('Bài của tác giả đã sửa');
    expect(stored.body.data.publishAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await settled();
    expect((await editor.request('GET', `/content-manager/collection-types/api::article.article/${documentId}`)).body.data.publishedAt).toBeNull();
    expect(await status('/tin-tuc/bai-cua-tac-gia/')).toBe(404);
  });

  it('is refused by the content API too: the site token cannot publish', async () => {
    const response = await fetch(`${cms.url}/api/articles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${cms.setup.siteToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: articleData('qua-api') }),
    });
    expect(response.status).toBe(403);
  });
});

describe('preview', () => {
  it("shows an editor the draft in the portal's design through the admin's preview link, and nobody else", async () => {
    const created = await editor.createArticle(
      articleData('ban-nhap-xem-truoc', { title: 'Bản nháp để xem trước 5521', body: '## Mục chưa duyệt\n\nNội dung bản nháp 5521.' }),
    );
    const documentId = created.body.data.documentId;
    const link = await editor.request('GET', `/content-manager/preview/url/api::article.article?documentId=${documentId}&status=draft`);
    expect(link.status).toBe(200);
    const url = new URL(link.body.data.url);
    expect(url.origin).toBe(preview.url);
    expect(url.search).not.toContain(PREVIEW_SECRET);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Bản nháp để xem trước 5521');
    expect(html).toContain('<h2>Mục chưa duyệt</h2>');
    // Its tags come through the populate the site asks for (site/src/lib/queries.ts).
    expect(html).toMatch(/href="\/chu-de\/[^"]+\/"/);
    expect(html).toMatch(/href="\/phu-trach\/[^"]+\/"/);
    expect(html).toContain('Bản xem trước, chưa xuất bản');
    expect(html).toContain('class="site-header"');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('noindex');
    // Only the admin (the CMS's origin) may show it in a frame; the rest of the portal's headers.
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${new URL(cms.url).origin}`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');

    // Without a valid signature, or with one for another document, nothing is shown.
    expect((await fetch(`${preview.url}/xem-truoc/${documentId}/`)).status).toBe(403);
    const other = new URL(url);
    other.pathname = `/xem-truoc/${officer}/`;
    expect((await fetch(other)).status).toBe(403);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
    // The preview route is not part of the public site.
    expect(await status(`/xem-truoc/${documentId}/`)).toBe(404);
    await settled();
    // Whole phrases: a bare number also turns up in the random hashes of uploaded files' names.
    const served = servedText();
    expect(served).not.toContain('xem trước 5521');
    expect(served).not.toContain('bản nháp 5521');
  });
});

describe('the publish pipeline', () => {
  it('removes an unpublished and a deleted article from the served portal', async () => {
    const listed = (await contentApi(cms.url, 'articles?sort=id:asc&pagination[pageSize]=2&fields[0]=slug&fields[1]=title', cms.setup.siteToken)).body.data;
    const [withdrawn, deleted] = listed;
    expect(await status(`/tin-tuc/${withdrawn.slug}/`)).toBe(200);
    expect(await status(`/tin-tuc/${deleted.slug}/`)).toBe(200);
    await settled();
    expect((await editor.request('POST', `/content-manager/collection-types/api::article.article/${withdrawn.documentId}/actions/unpublish`, {})).status).toBe(
      200,
    );
    expect((await editor.deleteArticle(deleted.documentId)).status).toBe(200);
    await settled();
    expect(await status(`/tin-tuc/${withdrawn.slug}/`)).toBe(404);
    expect(await status(`/tin-tuc/${deleted.slug}/`)).toBe(404);
    // Pages, feeds and the search index: nothing names them any more.
    const text = servedText();
    expect(text).not.toContain(`/tin-tuc/${withdrawn.slug}/`);
    expect(text).not.toContain(`/tin-tuc/${deleted.slug}/`);
    // Later builds, which take unchanged pages from Astro's incremental cache, do not bring them back.
    const other = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1', cms.setup.siteToken)).body.data[0];
    for (let i = 1; i <= 3; i++) {
      await editor.updateArticle(other.documentId, { summary: `Tóm tắt sửa lần ${i} sau khi gỡ bài.` });
      await editor.publishArticle(other.documentId);
      await settled();
      expect(await status(`/tin-tuc/${withdrawn.slug}/`)).toBe(404);
      expect(await status(`/tin-tuc/${deleted.slug}/`)).toBe(404);
      expect(servedText()).not.toContain(`/tin-tuc/${withdrawn.slug}/`);
    }
    expect(readdirSync(join(workDir, 'builds')).filter((name) => /^\d{4}-/.test(name)).length).toBeLessThanOrEqual(3);

    // The search index: one shard folder, the one meta.json names, and a search finds the last
    // edit but not the withdrawn article.
    const dataDir = join(workDir, 'current', 'client', 'tim-kiem', 'du-lieu');
    const meta = JSON.parse(readFileSync(join(dataDir, 'meta.json'), 'utf8')) as SearchMeta & { folder: string };
    expect(readdirSync(dataDir).filter((name) => SHARD_FOLDER.test(name))).toEqual([meta.folder]);
    const load = async <T>(path: string) => (await (await fetch(`${siteUrl}/tim-kiem/du-lieu/${meta.folder}/${path}`)).json()) as T;
    const urlsFound = async (query: string) => {
      const { ids } = await search(query, {}, meta, load);
      return Promise.all(ids.map(async (id) => ((await (await fetch(`${siteUrl}/tim-kiem/du-lieu/f/${id}.json`)).json()) as { url: string }).url));
    };
    expect(await urlsFound('Tóm tắt sửa lần 3 sau khi gỡ bài')).toContain(`/tin-tuc/${other.slug}/`);
    expect(await urlsFound(withdrawn.title)).not.toContain(`/tin-tuc/${withdrawn.slug}/`);
  });

  it('shows the images an article body embeds from the media library, and serves the files it links to', async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#1a7' } })
      .png()
      .toBuffer();
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const uploaded = await editor.upload([
      { name: 'hoi-nghi-to-dan-pho.png', type: 'image/png', bytes: png },
      { name: 'bien-ban-hoi-nghi.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(uploaded.status).toBe(201);
    // Strapi stores the files of one request concurrently, so the response's order is not the request's.
    const files = uploaded.body as Array<{ url: string; mime: string }>;
    const image = files.find((f) => f.mime === 'image/png')!;
    const file = files.find((f) => f.mime === 'application/pdf')!;
    expect(image.url).toMatch(/^\/uploads\//);
    const created = await editor.createArticle(
      articleData('anh-trong-noi-dung', { body: `Hội nghị tổ dân phố.\n\n![Hội nghị tổ dân phố số 5](${image.url})\n\n[Tải biên bản hội nghị](${file.url})` }),
    );
    expect((await editor.publishArticle(created.body.data.documentId)).status).toBe(200);
    await settled();
    const page = load(await (await fetch(`${siteUrl}/tin-tuc/anh-trong-noi-dung/`)).text());
    const src = page('article img[alt="Hội nghị tổ dân phố số 5"]').attr('src')!;
    expect(src).toMatch(/^\/tep-tin\/[^/]+\.png$/);
    const served = await fetch(`${siteUrl}${src}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    // The media library may re-encode an upload; it is still this picture.
    const { width, height, format } = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect({ width, height, format }).toEqual({ width: 8, height: 6, format: 'png' });
    const href = page('article a:contains("Tải biên bản hội nghị")').attr('href')!;
    expect(href).toMatch(/^\/tep-tin\/[^/]+\.pdf$/);
    expect((await fetch(`${siteUrl}${href}`)).status).toBe(200);
  });

  it('keeps a summary typed with HTML as text in the feeds', async () => {
    const summary = 'Thông báo <img src=x onerror=alert(1)> & <b>lịch</b> tiếp dân';
    const created = await editor.createArticle(articleData('tom-tat-co-the-html', { summary }));
    expect((await editor.publishArticle(created.body.data.documentId)).status).toBe(200);
    await settled();
    const area = (await contentApi(cms.url, `articles/${created.body.data.documentId}?populate[contentAreas][fields][0]=slug`, cms.setup.siteToken)).body.data
      .contentAreas[0].slug;
    for (const feedPath of ['/rss.xml', `/chu-de/${area}/rss.xml`]) {
      const xml = await (await fetch(`${siteUrl}${feedPath}`)).text();
      const item = new XMLParser().parse(xml).rss.channel.item.find((entry: { link: string }) => entry.link.endsWith('/tin-tuc/tom-tat-co-the-html/'));
      // A feed reader decodes the XML, then renders <description> as HTML: what it shows must be
      // the summary's characters, with no element made from them.
      const rendered = load(`<div>${item.description}</div>`);
      expect(rendered('img, b').length, feedPath).toBe(0);
      expect(rendered('div').text(), feedPath).toBe(summary);
    }
  });

  it('syncs only what changed since the last build', async () => {
    const target = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1&fields[0]=slug', cms.setup.siteToken)).body.data[0];
    await settled();
    await editor.updateArticle(target.documentId, { title: 'Tiêu đề đổi để kiểm tra đồng bộ từng phần' });
    await editor.publishArticle(target.documentId);
    await settled();
    const last = builder.history[builder.history.length - 1];
    const articles = last.sync?.find((line) => line.path === 'articles');
    expect(articles).toMatchObject({ mode: 'incremental', changed: 1, removed: 0 });
    expect(articles!.total).toBeGreaterThan(20);
    // The search index's file for the article follows the edit.
    const indexFiles = join(workDir, 'current', 'client', 'tim-kiem', 'du-lieu', 'f');
    const withTitle = readdirSync(indexFiles).filter((name) =>
      readFileSync(join(indexFiles, name), 'utf8').includes('Tiêu đề đổi để kiểm tra đồng bộ từng phần'),
    );
    expect(withTitle).toHaveLength(1);
  });

  it('keeps one body file per article beside the content store, and fetches them all again if they are lost', async () => {
    const target = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1&fields[0]=slug', cms.setup.siteToken)).body.data[0];
    const bodies = join(workDir, 'cache', 'article-bodies');
    const published = (await contentApi(cms.url, 'articles?pagination[pageSize]=1', cms.setup.siteToken)).body.meta.pagination.total;
    await settled();
    await editor.updateArticle(target.documentId, { body: 'Nội dung **mới** của bài, đăng lại sau khi sửa.' });
    await editor.publishArticle(target.documentId);
    await settled();
    expect(await (await fetch(`${siteUrl}/tin-tuc/${target.slug}/`)).text()).toContain('Nội dung <strong>mới</strong> của bài');
    // The edited article's old body is gone: exactly one file per published article.
    expect(readdirSync(bodies)).toHaveLength(published);

    // A lost folder must not break the next build: the loader sees it and syncs everything.
    rmSync(bodies, { recursive: true });
    await editor.updateArticle(target.documentId, { summary: 'Tóm tắt đổi sau khi mất thư mục nội dung bài.' });
    await editor.publishArticle(target.documentId);
    await settled();
    const last = builder.history[builder.history.length - 1];
    expect(last.ok).toBe(true);
    expect(last.sync?.find((line) => line.path === 'articles')).toMatchObject({ mode: 'full', changed: published });
    expect(readdirSync(bodies)).toHaveLength(published);
    expect(await (await fetch(`${siteUrl}/tin-tuc/${target.slug}/`)).text()).toContain('Tóm tắt đổi sau khi mất thư mục nội dung bài.');
  });

  it('puts a new article on the newest listing page and leaves numbered pages as they were', async () => {
    const publish = async (slug: string) => {
      const created = await editor.createArticle(articleData(slug));
      expect(created.status).toBe(201);
      expect((await editor.publishArticle(created.body.data.documentId)).status).toBe(200);
      await settled();
    };
    const count = async () => (await contentApi(cms.url, 'articles?pagination[pageSize]=1', cms.setup.siteToken)).body.meta.pagination.total as number;
    // Every tenth article opens a new numbered page, which changes the links of the pages next
    // to it; step past that first so the check below is about an ordinary publish.
    if ((await count()) % 10 === 9) await publish('tin-mo-trang-moi');
    await settled();
    const pageOne = join(workDir, 'current', 'client', 'tin-tuc', 'trang', '1', 'index.html');
    const before = readFileSync(pageOne, 'utf8');
    await publish('tin-moi-nhat-tren-trang-dau');
    const newest = await (await fetch(`${siteUrl}/tin-tuc/`)).text();
    expect(newest).toContain('/tin-tuc/tin-moi-nhat-tren-trang-dau/');
    expect(readFileSync(pageOne, 'utf8')).toBe(before);
  });

  it('gives one build for a burst of changes', async () => {
    const target = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1&fields[0]=slug', cms.setup.siteToken)).body.data[0];
    await settled();
    const before = builder.history.length;
    for (let i = 1; i <= 4; i++) {
      await editor.updateArticle(target.documentId, { summary: `Tóm tắt sửa lần ${i} trong một loạt thay đổi liên tiếp.` });
      await editor.publishArticle(target.documentId);
    }
    await settled();
    expect(builder.history.length - before).toBe(1);
    const page = await (await fetch(`${siteUrl}/tin-tuc/${target.slug}/`)).text();
    expect(page).toContain('Tóm tắt sửa lần 4');
  });

  it('keeps serving the last good site when a build fails, and recovers on the next change', async () => {
    const target = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1&fields[0]=slug', cms.setup.siteToken)).body.data[0];
    await settled();
    const served = builder.currentBuild;
    const failuresBefore = builder.history.filter((build) => !build.ok).length;
    await editor.updateArticle(target.documentId, { slug: 'Sai_Duong_Dan' });
    await editor.publishArticle(target.documentId);
    await settled();
    expect(builder.history.filter((build) => !build.ok).length).toBe(failuresBefore + 1);
    expect(builder.currentBuild).toBe(served);
    expect(await status(`/tin-tuc/${target.slug}/`)).toBe(200);

    await editor.updateArticle(target.documentId, { slug: target.slug, title: 'Tiêu đề sau khi sửa lỗi đường dẫn' });
    await editor.publishArticle(target.documentId);
    await settled();
    expect(builder.currentBuild).not.toBe(served);
    expect(await (await fetch(`${siteUrl}/tin-tuc/${target.slug}/`)).text()).toContain('Tiêu đề sau khi sửa lỗi đường dẫn');
  });

  it('reconciles a change whose webhook was lost', async () => {
    await settled();
    const built = builder.history.length;
    expect(await builder.reconcile()).toBe(false);
    // A change made while the webhook target is unreachable: Strapi will not retry it.
    servers[0].close();
    const target = (await contentApi(cms.url, 'articles?sort=id:desc&pagination[pageSize]=1&fields[0]=slug', cms.setup.siteToken)).body.data[0];
    await editor.updateArticle(target.documentId, { title: 'Tiêu đề đổi khi mất webhook' });
    await editor.publishArticle(target.documentId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(builder.history.length).toBe(built);
    expect(await builder.reconcile()).toBe(true);
    await settled();
    expect(await (await fetch(`${siteUrl}/tin-tuc/${target.slug}/`)).text()).toContain('Tiêu đề đổi khi mất webhook');
  });
});
