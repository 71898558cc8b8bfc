// Global setup of the integration tests: compiles the CMS, starts it on a temporary SQLite
// database with the demo content, makes an officer's unpublished edits through the admin API,
// then runs the real Astro build against it. Tests read the built files and the running CMS.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateStrapiSecrets } from '@loa/shared/env-file';
import { buildCms } from '@loa/scripts/lib/cms.ts';
import { freePort } from '@loa/scripts/lib/process.ts';
import { serveStatic } from '@loa/scripts/lib/static-server.ts';
import { seedDir } from '@loa/scripts/lib/paths.ts';
import { readDemoArticles } from '@loa/scripts/seed/content.ts';
import { buildSite } from '@loa/scripts/lib/site.ts';
import { ADMIN, editorialUsers, startTempCms } from '../lib/temp-cms.ts';
import { AdminApi, contentApi } from '../lib/admin-api.ts';

export interface PublishedArticle {
  documentId: string;
  slug: string;
  title: string;
  areas: string[];
  officer: string;
}

export interface PortalContext {
  distDir: string;
  /** The built site served by the same static server `npm start` uses. */
  servedUrl: string;
  siteUrl: string;
  cmsUrl: string;
  siteToken: string;
  /** Published articles as the CMS listed them right after the build. */
  published: PublishedArticle[];
  /** Text that exists only in drafts; it must appear nowhere on the portal. */
  draftMarkers: string[];
  draftSlugs: string[];
  /** The same content built again by the builder's next build, from Astro's incremental cache. */
  rebuiltDistDir: string;
  /** The same content built with experimental.incrementalBuild off. */
  plainDistDir: string;
  /** Astro's cache that those two builds shared. */
  cacheDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    portal: PortalContext;
  }
}

export const SITE_URL = 'https://loaphuong.example.vn';
const UNPUBLISHED_EDIT = 'BẢN NHÁP CHƯA DUYỆT 4417';

async function listPublished(cmsUrl: string, token: string): Promise<PublishedArticle[]> {
  const all: PublishedArticle[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await contentApi(
      cmsUrl,
      `articles?fields[0]=slug&fields[1]=title&populate[contentAreas][fields][0]=slug&populate[responsibleOfficer][fields][0]=slug&pagination[page]=${page}&pagination[pageSize]=100&sort=id:asc`,
      token,
    );
    if (status !== 200) throw new Error(`listing articles failed: ${status}`);
    for (const item of body.data) {
      all.push({
        documentId: item.documentId,
        slug: item.slug,
        title: item.title,
        areas: item.contentAreas.map((area: { slug: string }) => area.slug),
        officer: item.responsibleOfficer.slug,
      });
    }
    if (page >= body.meta.pagination.pageCount) return all;
  }
}

export default async function setup(project: TestProject) {
  // The browser tests use the admin panel, so it is built too (reused while unchanged).
  await buildCms({ ...process.env, ...generateStrapiSecrets() });
  const cms = await startTempCms({ serveAdminPanel: true, env: editorialUsers });
  const workDir = mkdtempSync(join(tmpdir(), 'loa-site-'));
  let server: Server | undefined;
  const teardown = async () => {
    server?.close();
    await cms.stop();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(cms.dir, { recursive: true, force: true });
  };
  try {
    server = await prepare(project, cms, workDir);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function prepare(project: TestProject, cms: Awaited<ReturnType<typeof startTempCms>>, workDir: string): Promise<Server> {
  const admin = await AdminApi.login(cms.url, ADMIN.email, ADMIN.password);

  // An officer starts editing a published article but does not publish: residents must keep
  // seeing the published version.
  const before = await listPublished(cms.url, cms.setup.siteToken);
  const edited = before[0];
  const edit = await admin.updateArticle(edited.documentId, {
    title: `${UNPUBLISHED_EDIT} ${edited.title}`,
    body: `${UNPUBLISHED_EDIT}: nội dung chưa được duyệt.`,
  });
  if (edit.status !== 200) throw new Error(`draft edit failed: ${edit.status} ${JSON.stringify(edit.body)}`);

  // A draft created in the content manager, never published.
  const draft = await admin.createArticle({
    title: 'Dự thảo thông báo lịch tiếp công dân chưa ban hành',
    slug: 'du-thao-thong-bao-lich-tiep-cong-dan',
    summary: 'Dự thảo nội bộ, chưa được lãnh đạo phường duyệt đăng.',
    body: 'NHÁP-NỘI-BỘ-9052: nội dung dự thảo không được xuất hiện trên cổng thông tin.',
    featured: true,
  });
  if (draft.status !== 201) throw new Error(`draft create failed: ${draft.status} ${JSON.stringify(draft.body)}`);

  // Each build goes to the same staging folder, then is moved, as the builder does: the output
  // folder is part of what Astro's incremental cache compares.
  const staging = join(workDir, 'staging');
  const cacheDir = join(workDir, 'cache');
  const build = async (out: string, options: { cacheDir: string; env?: NodeJS.ProcessEnv } = { cacheDir }) => {
    await buildSite({ cmsUrl: cms.url, cmsToken: cms.setup.siteToken, siteUrl: SITE_URL, outDir: staging, ...options });
    renameSync(staging, out);
  };
  const outDir = join(workDir, 'dist');
  await build(outDir);
  // The builder's next build with nothing changed: Astro takes every page from its incremental
  // cache (portal.test.ts compares the two).
  const rebuiltDir = join(workDir, 'rebuilt');
  await build(rebuiltDir);
  // The same content built without Astro's experimental incremental build, from its own cache.
  const plainDir = join(workDir, 'plain');
  await build(plainDir, { cacheDir: join(workDir, 'plain-cache'), env: { LOA_INCREMENTAL_BUILD: 'off' } });
  // The public site is the prerendered client/ folder; server/ only runs draft previews.
  const distDir = join(outDir, 'client');

  const seededDrafts = readDemoArticles(join(seedDir, 'articles')).filter((article) => article.status === 'draft');

  const port = await freePort();
  const server = await serveStatic(distDir, port);

  project.provide('portal', {
    distDir,
    servedUrl: `http://127.0.0.1:${port}`,
    siteUrl: SITE_URL,
    cmsUrl: cms.url,
    siteToken: cms.setup.siteToken,
    published: await listPublished(cms.url, cms.setup.siteToken),
    draftMarkers: [UNPUBLISHED_EDIT, 'NHÁP-NỘI-BỘ-9052', 'Dự thảo thông báo lịch tiếp công dân', ...seededDrafts.map((article) => article.title)],
    draftSlugs: ['du-thao-thong-bao-lich-tiep-cong-dan', ...seededDrafts.map((article) => article.slug)],
    rebuiltDistDir: join(rebuiltDir, 'client'),
    plainDistDir: join(plainDir, 'client'),
    cacheDir,
  });
  return server;
}
