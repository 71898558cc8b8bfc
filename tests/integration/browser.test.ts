// What a resident sees on a cheap phone and what an officer sees in the admin, in a real
// Chromium: the resident reads the news, follows a topic and an officer, finds the feeds; the
// officer signs in and finds the plan's types in Vietnamese.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../lib/browser.ts';
import { ADMIN } from '../lib/temp-cms.ts';

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

  it('answers an unknown address with the Vietnamese 404 page', async () => {
    const page = await phonePage();
    const response = await page.goto(`${portal.servedUrl}/tin-tuc/khong-co-bai-nay/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy trang');
    await page.context().close();
  });

  it('an officer signs in to the admin and finds the plan in Vietnamese', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${portal.cmsUrl}/admin/auth/login`);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 });
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
});
