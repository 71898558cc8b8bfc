// What a resident sees on a cheap phone and what an officer sees in the admin, in a real
// Chromium: the resident reads the news, follows a topic and an officer, finds the feeds; the
// officer signs in and finds the plan's types in Vietnamese.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { foldDiacritics } from '@loa/shared/vietnamese';
import { browserAvailable, collectProblems, launchBrowser } from '../lib/browser.ts';
import { ADMIN, AUTHOR, EDITOR } from '../lib/temp-cms.ts';

const portal = inject('portal');

describe.skipIf(!browserAvailable)('in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    return context.newPage();
  }

  /** Signs in to the CMS admin through its login form, on a desktop screen. */
  async function adminPage(login: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${portal.cmsUrl}/admin/auth/login`);
    await page.fill('input[name=email]', login.email);
    await page.fill('input[name=password]', login.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 });
    return page;
  }

  async function expectNoHorizontalScroll(page: Page) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
  }

  it('a resident reads the latest news, follows a topic and an officer, and finds the feeds', async () => {
    const page = await phonePage();
    await page.goto(`${portal.servedUrl}/`);
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoHorizontalScroll(page);

    const firstArticle = page.locator('#tin-moi').locator('..').locator('.card a').first();
    const title = (await firstArticle.textContent())!.trim();
    await firstArticle.click();
    await page.waitForURL(/\/tin-tuc\/[^/]+\/$/);
    expect((await page.locator('h1').textContent())!.trim()).toBe(title);
    expect(await page.locator('article time').first().textContent()).toMatch(/^Thứ|^Chủ nhật/);
    await expectNoHorizontalScroll(page);

    const areaLink = page.locator('#phan-loai').locator('..').locator('.tags a').first();
    const areaLabel = (await areaLink.textContent())!.trim();
    await areaLink.click();
    await page.waitForURL(/\/chu-de\/[^/]+\/$/);
    expect((await page.locator('h1').textContent())!.trim()).toBe(areaLabel);
    expect(await page.locator('.card a', { hasText: title }).count()).toBe(1);
    const areaFeed = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').last().getAttribute('href');
    expect(areaFeed).toMatch(/^\/chu-de\/[^/]+\/rss\.xml$/);

    await page.goBack();
    await page.locator('#phan-loai').locator('..').locator('a[href^="/phu-trach/"]').click();
    await page.waitForURL(/\/phu-trach\/[^/]+\/$/);
    expect(await page.locator('#nhiem-vu').textContent()).toBe('Nhiệm vụ được phân công');
    expect(await page.locator('.card a', { hasText: title }).count()).toBe(1);

    const feed = await page.request.get(`${portal.servedUrl}${await page.locator('a.feed-link').getAttribute('href')}`);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(title);
    await page.context().close();
  });

  it('finds articles from a query typed without diacritics, đ included, and opens the first result', async () => {
    const page = await phonePage();
    await page.goto(`${portal.servedUrl}/tim-kiem/`);
    await expectNoHorizontalScroll(page);
    await page.fill('#q', 'duong day nong');
    await page.click('.search-form button[type=submit]');
    await page.locator('.search-results li').first().waitFor({ state: 'visible' });
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/^Tìm thấy \d+ tin bài/);
    const excerpt = await page.locator('.search-results li').first().locator('p').last().innerHTML();
    expect(excerpt).toContain('<mark>');
    await page.locator('.search-results li a').first().click();
    await page.waitForURL(/\/tin-tuc\/[^/]+\/$/);
    expect((await page.locator('article.article').textContent())!.toLowerCase()).toContain('đường dây nóng');

    await page.goto(`${portal.servedUrl}/tim-kiem/?q=${encodeURIComponent('cai cach thu tuc')}`);
    await page.locator('.search-results li').first().waitFor({ state: 'visible' });
    expect((await page.locator('.search-results').textContent())!.toLowerCase()).toContain('cải cách');

    // A word that is nowhere says so instead of showing prefix matches.
    await page.goto(`${portal.servedUrl}/tim-kiem/?q=xylophone`);
    await page.locator('[data-search-status]', { hasText: 'Không tìm thấy' }).waitFor();
    expect(await page.locator('.search-results li').count()).toBe(0);
    await page.context().close();
  });

  it('narrows a search to a content area, and shows more results on request', async () => {
    const page = await phonePage();
    const [article] = portal.published;
    const area = article.areas[0];
    const inArea = new Set(portal.published.filter((other) => other.areas.includes(area)).map((other) => `/tin-tuc/${other.slug}/`));
    // The filter is a form field: choose the area, then search its article's title, typed plainly.
    await page.goto(`${portal.servedUrl}/tim-kiem/`);
    await page.selectOption('#chude', area);
    await page.fill('#q', foldDiacritics(article.title));
    await page.click('.search-form button[type=submit]');
    await page.locator('.search-results li').first().waitFor({ state: 'visible' });
    const found = await page.locator('.search-results li h2 a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(found).toContain(`/tin-tuc/${article.slug}/`);
    for (const path of found) expect(inArea.has(path), `${path} is not in ${area}`).toBe(true);
    expect(new URL(page.url()).searchParams.get('chude')).toBe(area);

    // "phuong" (phường) is in nearly every article: ten results first, then ten more on request.
    await page.goto(`${portal.servedUrl}/tim-kiem/?q=phuong`);
    await page.locator('.search-results li').first().waitFor({ state: 'visible' });
    const total = Number(/Tìm thấy (\d+) tin bài/.exec((await page.locator('[data-search-status]').textContent())!)![1]);
    expect(total).toBeGreaterThan(10);
    expect(await page.locator('.search-results li').count()).toBe(10);
    await page.click('[data-search-more]');
    await expect.poll(() => page.locator('.search-results li').count()).toBe(Math.min(total, 20));
    expect(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('.search-results li')[10])).toBe(true);
    expect(await page.locator('[data-search-more]').isVisible()).toBe(total > 20);
    await page.context().close();
  });

  it('prints an article without navigation, with its address', async () => {
    const page = await phonePage();
    const article = portal.published[0];
    await page.goto(`${portal.servedUrl}/tin-tuc/${article.slug}/`);
    expect(await page.locator('[data-print]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('[data-print]').isVisible()).toBe(false);
    expect(await page.locator('.print-source').isVisible()).toBe(true);
    expect(await page.locator('.print-source').textContent()).toContain(`/tin-tuc/${article.slug}/`);
    await page.context().close();
  });

  it('saves an article as one HTML file that reads offline', async () => {
    const page = await phonePage();
    const article = portal.published[0];
    await page.goto(`${portal.servedUrl}/tin-tuc/${article.slug}/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-save]')]);
    expect(download.suggestedFilename()).toBe(`${article.slug}.html`);
    const html = await (await import('node:fs')).promises.readFile((await download.path())!, 'utf8');
    expect(html).toContain(article.title);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<img[^>]+src="\//);
    await page.context().close();
  });

  it('has no serious or critical accessibility violation (axe-core, WCAG 2.2 AA) and no horizontal scroll at 320 px', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const article = portal.published[0];
    const pages = ['/', `/tin-tuc/${article.slug}/`, `/chu-de/${article.areas[0]}/`, '/tim-kiem/?q=dich+vu+cong', '/lien-he/', '/en/', '/ke-hoach/2024/'];
    // axe-core is injected by the test as an inline script, which the portal's CSP rightly forbids.
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'vi-VN', bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(`${portal.servedUrl}${path}`);
      if (path.startsWith('/tim-kiem/')) await page.locator('.search-results li').first().waitFor({ state: 'visible' });
      await expectNoHorizontalScroll(page);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(async () => {
        const axe = (window as any).axe;
        const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
        return run.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3) }));
      });
      for (const violation of results.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')) {
        problems.push(`${path}: ${violation.id} (${violation.impact}) at ${violation.nodes.join(', ')}`);
      }
      expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('answers an unknown address with the Vietnamese 404 page', async () => {
    const page = await phonePage();
    const response = await page.goto(`${portal.servedUrl}/tin-tuc/khong-co-bai-nay/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy trang');
    await page.context().close();
  });

  it('an officer signs in to the admin and finds the plan in Vietnamese', async () => {
    const page = await adminPage(ADMIN);
    const context = page.context();
    await page.goto(`${portal.cmsUrl}/admin/content-manager`);
    const menu = page.getByRole('navigation').filter({ hasText: 'Tin bài' });
    for (const label of ['Kế hoạch', 'Nội dung tuyên truyền', 'Hình thức tuyên truyền', 'Cán bộ phụ trách', 'Tin bài', 'Thông tin phường']) {
      await menu.getByRole('link', { name: label, exact: true }).waitFor({ state: 'visible' });
    }
    // Strapi's guided tour may cover the menu on a first visit, so follow the link's address.
    await page.goto(`${portal.cmsUrl}${await menu.getByRole('link', { name: 'Tin bài', exact: true }).getAttribute('href')}`);
    // Waiting for each element is the assertion: waitFor throws when it never appears.
    await page.getByRole('heading', { name: 'Tin bài', level: 1 }).waitFor({ state: 'visible' });
    await page.getByText('Tạo mục mới').first().waitFor({ state: 'visible' });
    await page.locator('tbody tr').first().waitFor({ state: 'visible' });
    const headers = (await page.locator('thead th').allTextContents()).filter(Boolean);
    expect(headers).toEqual(['Tiêu đề', 'Ngày đăng', 'Cán bộ phụ trách', 'Hẹn giờ xuất bản', 'Ghi chú lịch đăng', 'Trạng thái']);
    await context.close();
  });

  it('an Editor reads the publication log in Vietnamese; the drafting officer has none to read', async () => {
    const page = await adminPage(EDITOR);
    await page.goto(`${portal.cmsUrl}/admin/content-manager`);
    const menu = page.getByRole('navigation').filter({ hasText: 'Tin bài' });
    const link = menu.getByRole('link', { name: 'Nhật ký xuất bản', exact: true });
    await link.waitFor({ state: 'visible' });
    await page.goto(`${portal.cmsUrl}${await link.getAttribute('href')}`);
    await page.getByRole('heading', { name: 'Nhật ký xuất bản', level: 1 }).waitFor({ state: 'visible' });
    await page.locator('tbody tr').first().waitFor({ state: 'visible' });
    const headers = (await page.locator('thead th').allTextContents()).filter(Boolean);
    expect(headers).toEqual(['Thời điểm', 'Việc làm', 'Tin bài', 'Phiên bản', 'Người thực hiện']);
    // The demo content was published by the setup, one entry per article.
    expect(await page.locator('tbody tr', { hasText: 'Xuất bản' }).count()).toBeGreaterThan(0);
    // Read only: no button to add an entry.
    expect(await page.getByText('Tạo mục mới').count()).toBe(0);
    await page.context().close();

    const authorPage = await adminPage(AUTHOR);
    await authorPage.goto(`${portal.cmsUrl}/admin/content-manager`);
    const authorMenu = authorPage.getByRole('navigation').filter({ hasText: 'Tin bài' });
    await authorMenu.getByRole('link', { name: 'Tin bài', exact: true }).waitFor({ state: 'visible' });
    expect(await authorMenu.getByRole('link', { name: 'Nhật ký xuất bản', exact: true }).count()).toBe(0);
    await authorPage.context().close();
  });

  it('an Editor opens "Báo cáo kết quả", reads the counts as text beside the charts, sees the gaps and downloads the Word report', async () => {
    const page = await adminPage(EDITOR);
    await page.getByRole('link', { name: 'Báo cáo kết quả' }).first().click();
    await page.getByRole('heading', { name: 'Báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính' }).waitFor();
    // A period that ends before it starts is refused in Vietnamese.
    await page.getByLabel('Năm của kế hoạch').fill('2024');
    await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption('range');
    await page.getByLabel('Từ ngày', { exact: true }).fill('2024-05-01');
    await page.getByLabel('Đến ngày', { exact: true }).fill('2024-04-01');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const refusal = page.locator('[data-report-error]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toBe('Kỳ báo cáo kết thúc (01/04/2024) trước khi bắt đầu (01/05/2024). Chọn lại ngày.');

    await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption('quarter');
    await page.getByLabel('Quý', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const report = page.locator('[data-report="quý II năm 2024"]');
    await report.waitFor();
    // Each chart's numbers as a table a screen reader reads; the bars themselves are hidden from it.
    const areas = page.locator('table[data-table="Theo nội dung tuyên truyền"]');
    expect(await areas.locator('tbody tr').count()).toBe(11);
    expect(await areas.locator('thead th').allTextContents()).toEqual(['Nội dung tuyên truyền', 'Tin bài', 'Hoạt động']);
    expect(await page.locator('[data-chart="Theo nội dung tuyên truyền"]').getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator('table[data-table="Theo tháng"] tbody th').allTextContents()).toEqual(['Tháng 4/2024', 'Tháng 5/2024', 'Tháng 6/2024']);
    await expect(page.locator('[data-gaps]').textContent()).resolves.toMatch(/Nội dung tuyên truyền: .+\)/);
    // Without colour: articles and activities differ by pattern, and the legend says which is which.
    await expect(report.textContent()).resolves.toContain('Tin bài (đặc)');

    await page.getByLabel('Tóm tắt (sửa trước khi tải bản Word)').fill('Tóm tắt do cán bộ viết lại.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản Word (.docx)' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-ket-qua-tuyen-truyen-cchc-2024-04-01-2024-06-30.docx');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.context().close();

    // The drafting officer has no such menu entry.
    const authorPage = await adminPage(AUTHOR);
    await authorPage.getByRole('link', { name: 'Quản lý nội dung' }).first().waitFor();
    expect(await authorPage.getByRole('link', { name: 'Báo cáo kết quả' }).count()).toBe(0);
    await authorPage.context().close();
  });

  it('loads the home page, an article, search with results and the contact page with no Content-Security-Policy violation', async () => {
    const page = await phonePage();
    const problems = await collectProblems(page);
    const home = await page.goto(`${portal.servedUrl}/`);
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.goto(`${portal.servedUrl}/tin-tuc/${portal.published[1].slug}/`);
    await page.locator('article h1').waitFor();
    await page.goto(`${portal.servedUrl}/tim-kiem/?q=${encodeURIComponent('cai cach hanh chinh')}`);
    await page.locator('[data-search-results] li').first().waitFor({ timeout: 15_000 });
    await page.goto(`${portal.servedUrl}/lien-he/`);
    await page.locator('h1').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the drafting officer finds her admin in Vietnamese and every content area, officer and channel in the article form', async () => {
    const page = await adminPage(AUTHOR);
    const context = page.context();
    // The main navigation's labels are what a screen reader reads out on every screen.
    const mainNav = page.locator('nav a[aria-label]');
    await mainNav.first().waitFor();
    const labels = await mainNav.evaluateAll((links) => links.map((link) => link.getAttribute('aria-label')));
    expect(labels).toContain('Quản lý nội dung');
    for (const english of ['Content Manager', 'Media Library', 'Home', 'Settings']) expect(labels).not.toContain(english);

    await page.goto(`${portal.cmsUrl}/admin/content-manager/collection-types/api::article.article/create`);
    // Strapi's relation picker loads ten at a time.
    const expected = { 'Nội dung tuyên truyền': 10, 'Cán bộ phụ trách': 5, 'Hình thức tuyên truyền': 7 };
    for (const [label, count] of Object.entries(expected)) {
      const picker = page.getByRole('combobox', { name: label });
      await picker.click();
      await page
        .getByRole('option')
        .nth(count - 1)
        .waitFor({ timeout: 15_000 });
      expect(await page.getByRole('option').count(), label).toBeGreaterThanOrEqual(count);
      await page.keyboard.press('Escape');
    }
    await context.close();
  });

  it('opens a shared search link on a phone without moving what is on screen as results arrive', async () => {
    const page = await phonePage();
    await page.addInitScript(() => {
      (window as any).layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The index is held back until the page has been measured, as on a slow connection.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/tim-kiem/du-lieu/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${portal.servedUrl}/tim-kiem/?q=${encodeURIComponent('dich vu cong truc tuyen')}`);
    const box = (selector: string) => page.locator(selector).boundingBox();
    const before = { results: await box('.search-results'), footer: await box('.site-footer') };
    expect(before.footer!.y, 'the footer starts below the screen while results load').toBeGreaterThanOrEqual(page.viewportSize()!.height);
    release();
    await page.locator('.search-results li').nth(4).waitFor({ state: 'visible' });
    expect((await box('.search-results'))!.y).toBe(before.results!.y);
    expect(await page.evaluate(() => (window as any).layoutShift as number)).toBeLessThan(0.01);
    await page.context().close();
  });
});
