// The ward server, as docs/van-hanh.md installs it: the production mode (scripts/production.ts)
// on a real PostgreSQL with the env file made from deploy/loa-phuong.env.example, the first
// administrator made by create-admin, the CMS and the builder as the systemd units run them, and
// Debian's nginx with deploy/nginx/ in front, over TLS. Chromium reads the portal through nginx
// and an Editor reads the portal's state on the admin's home page.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvFile, updateEnvFile } from '@loa/shared/env-file';
import { portalHeaders } from '@loa/shared/security-headers';
import { rootDir } from '@loa/scripts/lib/paths.ts';
import { freePort, stop, waitForHttp } from '@loa/scripts/lib/process.ts';
import { AdminApi } from '../lib/admin-api.ts';
import { browserAvailable, collectProblems, launchBrowser } from '../lib/browser.ts';
import { CMS_HOST, nginxAvailable, PORTAL_HOST, startNginx, tlsRequest, type RunningNginx } from '../lib/nginx.ts';
import { postgresAvailable, startPostgres, type PostgresServer } from '../lib/postgres.ts';
import { runCommand } from '../lib/run.ts';
import { eventually } from '../lib/wait.ts';

const ready = nginxAvailable && postgresAvailable() && browserAvailable;
if (!postgresAvailable() && process.env.CI) throw new Error('CI must provide PostgreSQL (.ci/run installs it)');

const ADMIN = { email: 'quantri@phuong.example.gov.vn', firstname: 'Lan', lastname: 'Nguyễn Thị', password: 'QuanTri-Phuong-2026' };
const EDITOR = { email: 'bientap@phuong.example.gov.vn', password: 'BienTap-Phuong-2026' };
const production = join(rootDir, 'scripts', 'production.ts');

describe.skipIf(!ready)('the ward server (production mode on PostgreSQL behind nginx)', () => {
  let dir: string;
  let pg: PostgresServer;
  let nginx: RunningNginx;
  let browser: Browser;
  let envFile: string;
  let env: Record<string, string>;
  const processes: Record<string, ReturnType<typeof spawn>> = {};
  const output: string[] = [];
  let admin: AdminApi;
  let cmsLocal: string;
  let builderHealth: string;
  let siteDir: string;

  /** Runs a production command the way systemd does: the env file, nothing else configured. */
  function service(command: 'cms' | 'builder') {
    const child = spawn(process.execPath, [production, command], {
      cwd: rootDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOA_ENV_FILE: envFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => output.push(String(chunk)));
    processes[command] = child;
    return child;
  }

  async function createAdmin(answers: string[]) {
    const result = await runCommand(process.execPath, [production, 'create-admin'], {
      cwd: rootDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOA_ENV_FILE: envFile },
      input: `${answers.join('\n')}\n`,
    });
    output.push(result.stdout, result.stderr);
    return result;
  }

  async function health(): Promise<{ status: number; body: any }> {
    const response = await fetch(builderHealth);
    return { status: response.status, body: await response.json() };
  }

  /** An article tagged with the ward's first content area and officer, saved as the article form saves it. */
  async function createTaggedArticle(api: AdminApi, fields: { title: string; slug: string; summary: string; body: string }) {
    const first = async (type: string) => (await api.request('GET', `/content-manager/collection-types/api::${type}`)).body.results[0].documentId as string;
    return api.createArticle({
      ...fields,
      featured: false,
      contentAreas: { connect: [{ documentId: await first('content-area.content-area') }] },
      responsibleOfficer: { connect: [{ documentId: await first('responsible-officer.responsible-officer') }] },
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loa-production-'));
    pg = await startPostgres();
    pg.createDatabase('loaphuong');
    const [httpsPort, httpPort, cmsPort, builderPort, previewPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    siteDir = join(dir, 'state', 'site');
    // The operations guide's step: copy the template, fill in the ward's values.
    envFile = join(dir, 'loa-phuong.env');
    writeFileSync(envFile, readFileSync(join(rootDir, 'deploy', 'loa-phuong.env.example')));
    updateEnvFile(envFile, {
      SITE_URL: `https://${PORTAL_HOST}:${httpsPort}`,
      CMS_PUBLIC_URL: `https://${CMS_HOST}:${httpsPort}`,
      DATABASE_URL: `postgres://postgres:unused@127.0.0.1:${pg.port}/loaphuong`,
      LOA_STATE_DIR: join(dir, 'state'),
      SITE_DIR: siteDir,
      CMS_PORT: String(cmsPort),
      BUILDER_PORT: String(builderPort),
      PREVIEW_PORT: String(previewPort),
      RECONCILE_SECONDS: '3',
    });
    env = readEnvFile(envFile);
    cmsLocal = `http://127.0.0.1:${cmsPort}`;
    builderHealth = `http://127.0.0.1:${builderPort}/health`;

    expect((await createAdmin([ADMIN.email, ADMIN.firstname, ADMIN.lastname, ADMIN.password, ADMIN.password])).status).toBe(0);
    service('cms');
    await waitForHttp(`${cmsLocal}/_health`, processes.cms, 300_000);
    service('builder');
    await eventually(async () => (await health().catch(() => null))?.body.state === 'failed' || false, 120_000, 'the first build on an empty CMS');
    nginx = await startNginx({ dir: join(dir, 'nginx'), siteDir, cmsPort, previewPort, httpsPort, httpPort });
    admin = await AdminApi.login(cmsLocal, ADMIN.email, ADMIN.password);
    // The public host names lead to this machine, as DNS would lead to the ward's server.
    browser = await launchBrowser([`--host-resolver-rules=MAP ${PORTAL_HOST} 127.0.0.1, MAP ${CMS_HOST} 127.0.0.1`]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    for (const child of Object.values(processes)) await stop(child);
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the first administrator only from a password that meets the rules, and prints no password or secret', async () => {
    const weak = await createAdmin(['thu@phuong.example.gov.vn', 'Thử', 'Nguyễn', 'ngan', 'ngan']);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('Mật khẩu cần ít nhất 8 ký tự. Không tạo tài khoản.');
    const differ = await createAdmin(['thu@phuong.example.gov.vn', 'Thử', 'Nguyễn', 'KhacNhau-2026', 'KhacNhau-2027']);
    expect(differ.stderr).toContain('Hai lần nhập mật khẩu không khớp.');
    const again = await createAdmin([ADMIN.email, 'Lan', 'Nguyễn Thị', 'MatKhauKhac-2026', 'MatKhauKhac-2026']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`Đã có tài khoản ${ADMIN.email}; không tạo lại.`);

    const users = await admin.request('GET', '/admin/users?pageSize=100');
    expect(users.body.data.results.map((user: { email: string }) => user.email)).toEqual([ADMIN.email]);

    const secrets = readEnvFile(join(env.LOA_STATE_DIR, 'secrets.env'));
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(['APP_KEYS', 'ADMIN_JWT_SECRET', 'BUILDER_SECRET', 'PREVIEW_SECRET']));
    const printed = output.join('');
    for (const secret of [ADMIN.password, ...Object.values(secrets).flatMap((value) => value.split(','))]) expect(printed).not.toContain(secret);
    expect(readFileSync(join(env.LOA_STATE_DIR, 'secrets.env')).length).toBeGreaterThan(0);
  });

  it('asks for the password on a terminal without showing it, as an administrator types it', async () => {
    // util-linux's script gives the command a terminal; the answers are typed as each question appears.
    const typed = { email: 'cntt@phuong.example.gov.vn', password: 'GoTrenManHinh-2026' };
    const child = spawn('script', ['-qfec', `${process.execPath} ${production} create-admin`, '/dev/null'], {
      cwd: rootDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOA_ENV_FILE: envFile, TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    const answers: Array<[string, string]> = [
      ['Thư điện tử của quản trị viên: ', typed.email],
      ['Tên (ví dụ: Lan): ', 'Minh'],
      ['Họ và tên đệm (ví dụ: Nguyễn Thị): ', 'Phạm Văn'],
      ['Mật khẩu (không hiện khi gõ): ', typed.password],
      ['Nhập lại mật khẩu: ', typed.password],
    ];
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout!.on('data', (chunk) => {
      screen += String(chunk);
      while (answers.length && screen.endsWith(answers[0][0])) child.stdin!.write(`${answers.shift()![1]}\r`);
    });
    expect(await done).toBe(0);
    output.push(screen);
    expect(screen).toContain(`Đã tạo quản trị viên ${typed.email}`);
    // The terminal echoed what was typed for the e-mail and the name, never the password.
    expect(screen).toContain(typed.email);
    expect(screen).not.toContain(typed.password);
    await AdminApi.login(cmsLocal, typed.email, typed.password);
  });

  it('starts with no demo content and tells editors, in Vietnamese, what the first build needs', async () => {
    for (const type of ['article.article', 'content-area.content-area', 'responsible-officer.responsible-officer', 'channel.channel', 'plan.plan']) {
      const list = await admin.request('GET', `/content-manager/collection-types/api::${type}`);
      expect(list.body.pagination.total, type).toBe(0);
    }
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.lastFailure.reason).toContain('Chưa có mục "Thông tin phường"');
    expect(existsSync(join(siteDir, 'current'))).toBe(false);
  });

  it('builds the portal for its public address into the configured folder once the ward is described', async () => {
    const settings = await admin.request('PUT', '/content-manager/single-types/api::site-setting.site-setting', {
      wardName: 'Phường Hòa Bình',
      cityName: 'Thành phố Hà Nội',
      siteTitle: 'Cổng thông tin điện tử phường Hòa Bình',
      address: 'Số 1 phố Hòa Bình',
      phone: '024 3000 0000',
      email: 'ubnd@phuong.example.gov.vn',
      contactOfficer: { name: 'Nguyễn Thị Lan', position: 'Công chức Văn hóa - Xã hội', phone: '024 3000 0001', email: 'vanhoa@phuong.example.gov.vn' },
    });
    expect(settings.status).toBe(200);
    const area = await admin.request('POST', '/content-manager/collection-types/api::content-area.content-area', {
      letter: 'a',
      shortTitle: 'Dịch vụ công trực tuyến',
      slug: 'dich-vu-cong-truc-tuyen',
      fullText: 'Tuyên truyền dịch vụ công trực tuyến.',
      order: 1,
    });
    expect(area.status).toBe(201);
    const officer = await admin.request('POST', '/content-manager/collection-types/api::responsible-officer.responsible-officer', {
      positionTitle: 'Công chức Văn hóa - Xã hội',
      slug: 'cong-chuc-van-hoa-xa-hoi',
      duties: 'Tham mưu tuyên truyền cải cách hành chính.',
      order: 1,
    });
    expect(officer.status).toBe(201);
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const uploaded = await admin.upload([
      { name: 'huong-dan-nop-ho-so.pdf', type: 'application/pdf', bytes: pdf },
      { name: 'danh-sach-thu-tuc.csv', type: 'text/csv', bytes: 'Thủ tục,Thời hạn\nĐăng ký khai sinh,1 ngày\n' },
    ]);
    expect(uploaded.status).toBe(201);
    const files = uploaded.body as Array<{ url: string; mime: string }>;
    const pdfUrl = files.find((file) => file.mime === 'application/pdf')!.url;
    const csvUrl = files.find((file) => file.mime !== 'application/pdf')!.url;
    const article = await createTaggedArticle(admin, {
      title: 'Hướng dẫn nộp hồ sơ dịch vụ công trực tuyến',
      slug: 'huong-dan-nop-ho-so-truc-tuyen',
      summary: 'Các bước nộp hồ sơ trên Cổng Dịch vụ công quốc gia.',
      body: `Người dân đăng nhập bằng tài khoản định danh điện tử.\n\n[Tải hướng dẫn](${pdfUrl})\n\n[Danh sách thủ tục](${csvUrl})`,
    });
    expect(article.status).toBe(201);
    const published = await admin.publishArticle(article.body.data.documentId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    await eventually(async () => (await health()).body.state === 'ok', 180_000, 'the portal built');

    const live = join(siteDir, 'current', 'client');
    expect(readlinkSync(join(siteDir, 'current'))).toMatch(new RegExp(`^${join(siteDir, 'builds')}/\\d{4}-`));
    const page = readFileSync(join(live, 'tin-tuc', 'huong-dan-nop-ho-so-truc-tuyen', 'index.html'), 'utf8');
    // Every absolute address is the public one: canonical, Open Graph, feeds, sitemap.
    expect(page).toContain(`<link rel="canonical" href="${env.SITE_URL}/tin-tuc/huong-dan-nop-ho-so-truc-tuyen/"`);
    expect(readFileSync(join(live, 'rss.xml'), 'utf8')).toContain(`${env.SITE_URL}/tin-tuc/huong-dan-nop-ho-so-truc-tuyen/`);
    const servedText = [page, readFileSync(join(live, 'rss.xml'), 'utf8'), readFileSync(join(live, 'sitemap-0.xml'), 'utf8')].join('\n');
    expect(servedText).not.toMatch(/127\.0\.0\.1|localhost/);
    // The build wrote a gzip of each page beside it.
    expect(gunzipSync(readFileSync(join(live, 'index.html.gz'))).equals(readFileSync(join(live, 'index.html')))).toBe(true);
  });

  it('serves the portal through nginx with its security headers, caching, gzip files and attachment types', async () => {
    const home = await tlsRequest(`${nginx.portalUrl}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(home.status).toBe(200);
    for (const [name, value] of Object.entries(portalHeaders)) expect(home.headers[name.toLowerCase()], name).toBe(value);
    expect(home.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.headers['content-encoding']).toBe('gzip');
    // The file the build compressed, sent as it is.
    expect(home.body.equals(readFileSync(join(siteDir, 'current', 'client', 'index.html.gz')))).toBe(true);
    expect(home.headers.server).toBe('nginx');

    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(home.text())![1];
    const asset = await tlsRequest(`${nginx.portalUrl}${css}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(portalHeaders['Content-Security-Policy']);

    const missing = await tlsRequest(`${nginx.portalUrl}/khong-co-trang-nay/`);
    expect(missing.status).toBe(404);
    expect(missing.text()).toContain('Không tìm thấy');
    expect(missing.headers['x-frame-options']).toBe('DENY');
    for (const path of ['/.env', '/%2Egit/config', '/tin-tuc/../.cache/x', '/_astro/.hidden']) {
      expect((await tlsRequest(`${nginx.portalUrl}${path}`)).status, path).toBe(404);
    }
    expect((await tlsRequest(`${nginx.portalUrl}/tin-tuc`)).headers.location).toBe('/tin-tuc/');
    const plain = await tlsRequest(`http://${PORTAL_HOST}:${nginx.httpPort}/tin-tuc/`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`https://${PORTAL_HOST}/tin-tuc/`);

    const article = (await tlsRequest(`${nginx.portalUrl}/tin-tuc/huong-dan-nop-ho-so-truc-tuyen/`)).text();
    const pdf = /href="(\/tep-tin\/[^"]+\.pdf)"/.exec(article)![1];
    const csv = /href="(\/tep-tin\/[^"]+\.csv)"/.exec(article)![1];
    const pdfAnswer = await tlsRequest(`${nginx.portalUrl}${pdf}`);
    expect([pdfAnswer.status, pdfAnswer.headers['content-type'], pdfAnswer.headers['content-disposition']]).toEqual([200, 'application/pdf', 'inline']);
    expect(pdfAnswer.headers['x-content-type-options']).toBe('nosniff');
    const csvAnswer = await tlsRequest(`${nginx.portalUrl}${csv}`);
    expect([csvAnswer.status, csvAnswer.headers['content-type'], csvAnswer.headers['content-disposition']]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment',
    ]);
  });

  it("shows a draft's preview under the portal's address through nginx, framed only by the CMS's public origin", async () => {
    const draft = await createTaggedArticle(admin, {
      title: 'Bản nháp thông báo lịch tiêm chủng',
      slug: 'ban-nhap-lich-tiem-chung',
      summary: 'Bản nháp chưa duyệt.',
      body: 'Nội dung bản nháp chưa duyệt.',
    });
    const link = await admin.request('GET', `/content-manager/preview/url/api::article.article?documentId=${draft.body.data.documentId}&status=draft`);
    const url = new URL(link.body.data.url);
    expect(url.origin).toBe(env.SITE_URL);
    expect(url.pathname).toMatch(/^\/xem-truoc\//);
    const page = await tlsRequest(url.href);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('Bản nháp thông báo lịch tiêm chủng');
    expect(page.headers['content-security-policy']).toContain(`frame-ancestors ${env.CMS_PUBLIC_URL}`);
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    // Without the signature, nothing.
    expect((await tlsRequest(`${env.SITE_URL}${url.pathname}`)).status).toBe(403);
    // And never in the static portal.
    expect((await tlsRequest(`${nginx.portalUrl}/tin-tuc/ban-nhap-lich-tiem-chung/`)).status).toBe(404);
  });

  it('puts the CMS on its own host name behind nginx: HTTPS known to Strapi, HSTS, and a body limit', async () => {
    const adminPage = await tlsRequest(`${nginx.cmsUrl}/admin/auth/login`);
    expect(adminPage.status).toBe(200);
    expect(adminPage.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(adminPage.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    // Strapi sets its refresh cookie Secure only when it knows the request came over HTTPS.
    const login = await tlsRequest(`${nginx.cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['set-cookie']).toMatch(/; secure/i);
    const tooLarge = await tlsRequest(`${nginx.cmsUrl}/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.alloc(26 * 1024 * 1024),
    });
    expect(tooLarge.status).toBe(413);
  });

  it('opens the home page, an article, search with results and the contact page through nginx with no CSP violation', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = await collectProblems(page);
    const home = await page.goto(`${nginx.portalUrl}/`);
    expect(home?.headers()['content-security-policy']).toBe(portalHeaders['Content-Security-Policy']);
    await page.goto(`${nginx.portalUrl}/tin-tuc/huong-dan-nop-ho-so-truc-tuyen/`);
    await expect(page.locator('article h1').textContent()).resolves.toContain('Hướng dẫn nộp hồ sơ');
    await page.goto(`${nginx.portalUrl}/tim-kiem/?q=${encodeURIComponent('dich vu cong')}`);
    await page.locator('[data-search-results] li').first().waitFor({ timeout: 15_000 });
    await page.goto(`${nginx.portalUrl}/lien-he/`);
    await expect(page.locator('main').textContent()).resolves.toContain('Nguyễn Thị Lan');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an Editor on the admin home page that a build failed, why, and what waits for it; then that it recovered', async () => {
    // The ward's administrator gives an officer the Editor role, and she sets her password.
    const roles = await admin.request('GET', '/admin/roles');
    const editorRole = roles.body.data.find((role: { code: string }) => role.code === 'strapi-editor');
    const invited = await admin.request('POST', '/admin/users', { firstname: 'Hà', lastname: 'Trần Thu', email: EDITOR.email, roles: [editorRole.id] });
    expect(invited.status).toBe(201);
    const registered = await fetch(`${cmsLocal}/admin/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        registrationToken: invited.body.data.registrationToken,
        userInfo: { firstname: 'Hà', lastname: 'Trần Thu', password: EDITOR.password },
      }),
    });
    expect(registered.status).toBe(200);

    // Somebody deletes the portal's token in Settings: the next build cannot read the CMS.
    const tokens = await admin.request('GET', '/admin/api-tokens');
    const siteToken = tokens.body.data.find((token: { name: string }) => token.name.startsWith('Xây dựng cổng thông tin'));
    expect((await admin.request('DELETE', `/admin/api-tokens/${siteToken.id}`)).status).toBe(200);
    const editor = await AdminApi.login(cmsLocal, EDITOR.email, EDITOR.password);
    const created = await createTaggedArticle(editor, {
      title: 'Lịch tiếp công dân tháng 12',
      slug: 'lich-tiep-cong-dan-thang-12',
      summary: 'Lãnh đạo phường tiếp công dân vào thứ Năm hằng tuần.',
      body: 'Lãnh đạo phường tiếp công dân vào thứ Năm hằng tuần tại Bộ phận một cửa.',
    });
    expect((await editor.publishArticle(created.body.data.documentId)).status).toBe(200);
    await eventually(async () => (await health()).body.state === 'failed', 120_000, 'the failed build');
    const failed = await health();
    expect(failed.status).toBe(503);
    expect(failed.body.lastFailure.reason).toContain('CMS từ chối mã truy cập của trình dựng trang');
    // The last good site stays up.
    expect((await tlsRequest(`${nginx.portalUrl}/tin-tuc/huong-dan-nop-ho-so-truc-tuyen/`)).status).toBe(200);
    expect((await tlsRequest(`${nginx.portalUrl}/tin-tuc/lich-tiep-cong-dan-thang-12/`)).status).toBe(404);

    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page: Page = await context.newPage();
    await page.goto(`${nginx.cmsUrl}/admin/auth/login`);
    await page.fill('input[name=email]', EDITOR.email);
    await page.fill('input[name=password]', EDITOR.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 });
    const widget = page.locator('[data-portal-status]');
    await widget.waitFor({ timeout: 30_000 });
    expect(await widget.getAttribute('data-portal-status')).toBe('failed');
    // The words as written (the badge is shown in capitals by its style).
    const text = (await widget.textContent()) ?? '';
    expect(text).toContain('Cập nhật không thành công');
    expect(text).toContain('CMS từ chối mã truy cập của trình dựng trang');
    expect(text).toContain('Người dân vẫn xem được bản cũ của cổng thông tin');
    expect(text).toContain('Đang chờ lên cổng thông tin (1)');
    expect(text).toContain('Xuất bản: «Lịch tiếp công dân tháng 12», Hà Trần Thu');
    // The widget's box carries its title for everyone, without colour.
    await expect(page.getByText('Cổng thông tin', { exact: true }).first().isVisible()).resolves.toBe(true);

    // The IT staff restart the CMS (docs/van-hanh.md): it makes a new token, the builder reads it.
    await stop(processes.cms);
    service('cms');
    await waitForHttp(`${cmsLocal}/_health`, processes.cms, 300_000);
    await eventually(async () => (await health()).body.state === 'ok', 120_000, 'the portal built again');
    expect((await tlsRequest(`${nginx.portalUrl}/tin-tuc/lich-tiep-cong-dan-thang-12/`)).status).toBe(200);
    await page.reload();
    await eventually(async () => (await page.locator('[data-portal-status]').getAttribute('data-portal-status')) === 'ok', 30_000, 'the widget says ok');
    expect(await page.locator('[data-portal-status]').textContent()).toContain('Đã cập nhật');
    expect((await health()).status).toBe(200);
    await context.close();
  });
});
