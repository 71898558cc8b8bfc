// The CMS as officers and outsiders meet it: what the public API gives away, what the publish
// rules refuse, and how a build fails when the CMS is down or an entry is malformed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@loa/scripts/lib/process.ts';
import { siteDir } from '@loa/scripts/lib/paths.ts';
import { slugify } from '@loa/shared/slug';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { ADMIN } from '../lib/temp-cms.ts';

const portal = inject('portal');
const { cmsUrl, siteToken } = portal;
const workDir = mkdtempSync(join(tmpdir(), 'loa-build-errors-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// One admin session for the whole file: Strapi limits logins per address and e-mail to a few a
// minute, and the browser tests sign in to the same CMS meanwhile.
let session: Promise<AdminApi> | undefined;
const adminApi = () => (session ??= AdminApi.login(cmsUrl, ADMIN.email, ADMIN.password));

/** Runs the real Astro build and returns its exit code and output. */
function build(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(siteDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
      cwd: siteDir,
      env: { ...process.env, SITE_OUT_DIR: join(workDir, 'dist'), ASTRO_CACHE_DIR: join(workDir, 'cache'), SITE_URL: portal.siteUrl, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the public content API', () => {
  it('gives nothing without the site token', async () => {
    for (const path of ['articles', 'content-areas', 'channels', 'responsible-officers', 'plans', 'site-setting', 'upload/files']) {
      const { status } = await contentApi(cmsUrl, path);
      expect([401, 403, 404], path).toContain(status);
    }
  });

  it('lets the site token read published content but never drafts', async () => {
    const published = await contentApi(cmsUrl, 'articles?pagination[pageSize]=1', siteToken);
    expect(published.status).toBe(200);
    expect(published.body.meta.pagination.total).toBe(portal.published.length);
    const drafts = await contentApi(cmsUrl, 'articles?status=draft', siteToken);
    expect(drafts.status).toBe(403);
  });

  it('answers in JSON, with the length of the bytes it sends (cms/src/middlewares/json-body.ts)', async () => {
    const response = await fetch(`${cmsUrl}/api/articles?pagination[pageSize]=5`, { headers: { Authorization: `Bearer ${siteToken}` } });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(JSON.parse(bytes.toString('utf8')).data).toHaveLength(5);
  });

  it('does not let the site token write', async () => {
    const response = await fetch(`${cmsUrl}/api/articles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${siteToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { title: 'x', slug: 'x', summary: 'x', body: 'x' } }),
    });
    expect(response.status).toBe(403);
  });
});

describe('publishing rules', () => {
  it('refuses to publish an article without content area or officer, in Vietnamese, and keeps the draft', async () => {
    const admin = await adminApi();
    const created = await admin.createArticle({
      title: 'Tin thử chưa gắn nội dung tuyên truyền',
      slug: 'tin-thu-chua-gan-noi-dung',
      summary: 'Tin thử để kiểm tra quy tắc xuất bản.',
      body: 'Nội dung đã soạn không được mất khi xuất bản bị từ chối.',
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    try {
      const published = await admin.publishArticle(documentId);
      expect(published.status).toBe(400);
      expect(published.body.error.message).toContain('Chưa thể xuất bản');
      expect(published.body.error.message).toContain('nội dung tuyên truyền');
      expect(published.body.error.message).toContain('cán bộ phụ trách');
      const after = await admin.request('GET', `/content-manager/collection-types/api::article.article/${documentId}`);
      expect(after.body.data.body).toBe('Nội dung đã soạn không được mất khi xuất bản bị từ chối.');
      expect(after.body.data.publishedAt).toBeNull();
      const api = await contentApi(cmsUrl, 'articles?filters[slug][$eq]=tin-thu-chua-gan-noi-dung', siteToken);
      expect(api.body.data).toEqual([]);
    } finally {
      await admin.deleteArticle(documentId);
    }
  });

  it('rejects a summary longer than 300 characters', async () => {
    const admin = await adminApi();
    const created = await admin.createArticle({ title: 'Tóm tắt quá dài', slug: 'tom-tat-qua-dai', summary: 'ạ'.repeat(301), body: 'x' });
    expect(created.status).toBe(400);
  });
});

describe('slugs', () => {
  it("are what the admin proposes from a title, by the same rule as the seed's and the site's", async () => {
    const admin = await adminApi();
    const long = `Ủy ban nhân dân phường tổ chức hội nghị tuyên truyền ${'cải cách hành chính và chuyển đổi số '.repeat(6)}`.slice(0, 200);
    const titles = ['Tuyên truyền & hướng dẫn thủ tục', 'Kích hoạt tài khoản VNeID mức 2 tại tổ dân phố', 'Đường dây nóng đường phố đô thị', long];
    for (const title of titles) {
      const proposed = await admin.request('POST', '/content-manager/uid/generate', { contentTypeUID: 'api::article.article', field: 'slug', data: { title } });
      expect(proposed.status, title).toBe(200);
      expect(proposed.body.data, title).toBe(slugify(title));
    }
    expect(slugify(long).length).toBeLessThanOrEqual(96);
    expect(slugify(titles[0])).toBe('tuyen-truyen-va-huong-dan-thu-tuc');
    expect(slugify(titles[1])).toBe('kich-hoat-tai-khoan-vneid-muc-2-tai-to-dan-pho');
    // The seed's slugs follow the same rule (no demo article sets its own), and a slug already
    // taken gets Strapi's numbered suffix after it.
    for (const article of portal.published) expect(article.slug, article.title).toBe(slugify(article.title));
    const taken = portal.published[1];
    const again = await admin.request('POST', '/content-manager/uid/generate', {
      contentTypeUID: 'api::article.article',
      field: 'slug',
      data: { title: taken.title },
    });
    expect(again.body.data).toBe(`${taken.slug}-1`);
  });
});

describe('a build that cannot be done', () => {
  it('stops when the CMS cannot be reached, naming the URL', async () => {
    const port = await freePort();
    const { code, output } = await build({ CMS_URL: `http://127.0.0.1:${port}`, CMS_TOKEN: siteToken });
    expect(code).not.toBe(0);
    expect(output).toContain(`Cannot reach the CMS at http://127.0.0.1:${port}/api/`);
  });

  it('stops when the token is wrong, naming the URL and the status', async () => {
    const { code, output } = await build({ CMS_URL: cmsUrl, CMS_TOKEN: 'not-a-token' });
    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`The CMS answered 401 .* for ${cmsUrl}/api/`));
  });

  it('stops on a malformed entry, naming the entry and the field', async () => {
    const admin = await adminApi();
    const target = portal.published[portal.published.length - 1];
    // Strapi accepts upper case and underscores in a uid; the portal's URLs do not.
    const broken = await admin.updateArticle(target.documentId, { slug: 'Sai_Duong_Dan' });
    expect(broken.status).toBe(200);
    expect((await admin.publishArticle(target.documentId)).status).toBe(200);
    try {
      const { code, output } = await build({ CMS_URL: cmsUrl, CMS_TOKEN: siteToken });
      expect(code).not.toBe(0);
      expect(output).toContain('articles → Sai_Duong_Dan');
      expect(output).toMatch(/slug.*lower-case ASCII words/);
    } finally {
      await admin.updateArticle(target.documentId, { slug: target.slug });
      await admin.publishArticle(target.documentId);
    }
  });
});
