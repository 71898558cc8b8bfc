// `npm run backup` and `npm run restore` (scripts/lib/backup.ts), round trip on SQLite and on
// PostgreSQL: a CMS with the demo content, an uploaded file and a published article that uses it
// is backed up while it runs; the archive is restored into an empty database and media folder; a
// CMS started on them holds the same documents, relations, publication states and files, and the
// portal built from it is the same page for page.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, cmsData, createBackup, restoreBackup } from '@loa/scripts/lib/backup.ts';
import { cmsDir } from '@loa/scripts/lib/paths.ts';
import { buildSite } from '@loa/scripts/lib/site.ts';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { listFiles } from '../lib/built-site.ts';
import { postgresAvailable, startPostgres, type PostgresServer } from '../lib/postgres.ts';
import { ADMIN, startTempCms, type TempCms } from '../lib/temp-cms.ts';

const SITE_URL = 'https://phuong.example.gov.vn';
const COLLECTIONS = [
  'api::article.article',
  'api::content-area.content-area',
  'api::channel.channel',
  'api::responsible-officer.responsible-officer',
  'api::plan.plan',
  'api::publication-log.publication-log',
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the CMS holds, as its admin and the portal's token read it. */
async function snapshot(cms: TempCms, publicDir: string) {
  const admin = await AdminApi.login(cms.url, ADMIN.email, ADMIN.password);
  const lists: Record<string, unknown> = {};
  for (const uid of COLLECTIONS) {
    const list = await admin.request('GET', `/content-manager/collection-types/${uid}?pageSize=500&sort=documentId:asc`);
    expect(list.status, uid).toBe(200);
    // Every document with its state: draft, published, or published with unpublished changes.
    lists[uid] = list.body.results;
  }
  const settings = (await admin.request('GET', '/content-manager/single-types/api::site-setting.site-setting')).body.data;
  // The published articles with their relations, as the portal reads them.
  const published = await contentApi(
    cms.url,
    'articles?populate[contentAreas][fields][0]=slug&populate[responsibleOfficer][fields][0]=slug&populate[channels][fields][0]=slug&populate[attachments]=true&populate[cover][populate]=image&sort=documentId:asc&pagination[pageSize]=500',
    cms.setup.siteToken,
  );
  expect(published.status).toBe(200);
  const files = (await admin.request('GET', '/upload/files?pageSize=500&sort=id:asc')).body.results.map(
    (file: { url: string; hash: string; name: string }) => ({
      name: file.name,
      url: file.url,
      bytes: sha256(readFileSync(join(publicDir, file.url))),
    }),
  );
  return { lists, settings, published: published.body.data, files };
}

/** A built portal's files, HTML with Astro's image file names stripped of their hash (it covers the CMS's address). */
function portalFiles(clientDir: string): Record<string, string> {
  // Astro's short hashes are letters and digits; the names before them have underscores.
  const unhashed = (text: string) => text.replace(/(\/_astro\/[\w-]+?)_[A-Za-z0-9]{1,10}(\.(?:webp|jpe?g|png))/g, '$1$2');
  return Object.fromEntries(
    listFiles(clientDir)
      .filter((file) => !/\/_astro\/.*\.(webp|jpe?g|png)$/.test(file))
      .map((file) => [unhashed(file.slice(clientDir.length)), file.endsWith('.html') ? unhashed(readFileSync(file, 'utf8')) : sha256(readFileSync(file))]),
  );
}

function backupScenario(database: () => { source?: Record<string, string>; target?: Record<string, string> }) {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restores every document, relation, publication state and file, and the portal built from it is the same page for page', async () => {
    const [sourceDir, targetDir] = [mkdtempSync(join(tmpdir(), 'loa-backup-a-')), mkdtempSync(join(tmpdir(), 'loa-backup-b-'))];
    dirs.push(sourceDir, targetDir);
    const { source, target } = database();
    const dataEnv = (dir: string, db?: Record<string, string>) => ({
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: join(dir, 'data.db'),
      PUBLIC_DIR: join(dir, 'public'),
      ...db,
    });

    const cms = await startTempCms({ dir: sourceDir, database: source });
    const admin = await AdminApi.login(cms.url, ADMIN.email, ADMIN.password);
    const png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();
    const uploaded = await admin.upload([
      { name: 'hoi-nghi.png', type: 'image/png', bytes: png },
      { name: 'bien-ban.pdf', type: 'application/pdf', bytes: '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' },
    ]);
    expect(uploaded.status).toBe(201);
    const image = uploaded.body.find((file: { mime: string }) => file.mime === 'image/png');
    const pdf = uploaded.body.find((file: { mime: string }) => file.mime === 'application/pdf');
    const areas = (await contentApi(cms.url, 'content-areas?pagination[pageSize]=2', cms.setup.siteToken)).body.data;
    const officer = (await contentApi(cms.url, 'responsible-officers?pagination[pageSize]=1', cms.setup.siteToken)).body.data[0];
    const created = await admin.createArticle({
      title: 'Hội nghị tổ dân phố về thủ tục hành chính trực tuyến',
      slug: 'hoi-nghi-to-dan-pho-sao-luu',
      summary: 'Tin có ảnh bìa và tệp đính kèm, để kiểm tra sao lưu và khôi phục.',
      body: `Nội dung có ảnh.\n\n![Hội nghị](${image.url})`,
      cover: { image: image.id, alt: 'Toàn cảnh hội nghị tổ dân phố' },
      attachments: [pdf.id],
      contentAreas: { connect: areas.map((area: { documentId: string }) => ({ documentId: area.documentId })) },
      responsibleOfficer: { connect: [{ documentId: officer.documentId }] },
    });
    expect(created.status).toBe(201);
    expect((await admin.publishArticle(created.body.data.documentId)).status).toBe(200);
    // A published article with a later edit not yet published: both versions must come back.
    expect((await admin.updateArticle(created.body.data.documentId, { summary: 'Bản sửa chưa xuất bản.' })).status).toBe(200);

    const before = await snapshot(cms, join(sourceDir, 'public'));
    expect(before.files.map((file: { name: string }) => file.name)).toEqual(expect.arrayContaining(['bien-ban.pdf', 'hoi-nghi.png']));
    const build = async (url: string, token: string, dir: string) => {
      await buildSite({ cmsUrl: url, cmsToken: token, siteUrl: SITE_URL, outDir: join(dir, 'site'), cacheDir: join(dir, 'astro-cache') });
      return portalFiles(join(dir, 'site', 'client'));
    };
    const portalBefore = await build(cms.url, cms.setup.siteToken, sourceDir);

    // Backed up while the CMS runs.
    const archive = join(sourceDir, 'sao-luu.tar.gz');
    const manifest = await createBackup(cmsData(dataEnv(sourceDir, source), cmsDir), archive);
    expect(manifest.uploads.length).toBeGreaterThanOrEqual(2);
    await cms.stop();

    // A damaged archive is refused before anything is touched.
    const damaged = join(sourceDir, 'hong.tar.gz');
    writeFileSync(damaged, readFileSync(archive).subarray(0, 200));
    expect(() => restoreBackup(damaged, cmsData(dataEnv(targetDir, target), cmsDir))).toThrow(BackupError);

    const { setAside } = restoreBackup(archive, cmsData(dataEnv(targetDir, target), cmsDir));
    expect(setAside).toEqual([]);
    const restored = await startTempCms({ dir: targetDir, database: target, secrets: cms.secrets, siteToken: cms.setup.siteToken });
    try {
      expect(restored.setup.siteToken).toBe(cms.setup.siteToken);
      expect(await snapshot(restored, join(targetDir, 'public'))).toEqual(before);
      const portalAfter = await build(restored.url, restored.setup.siteToken, targetDir);
      expect(Object.keys(portalAfter).sort()).toEqual(Object.keys(portalBefore).sort());
      const differing = Object.keys(portalBefore).filter((path) => portalAfter[path] !== portalBefore[path]);
      expect(differing).toEqual([]);
    } finally {
      await restored.stop();
    }
  });
}

describe('backup and restore on SQLite', () => {
  backupScenario(() => ({}));

  it('refuses an archive with a link or a path outside it, and touches nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-backup-evil-'));
    try {
      const data = cmsData({ DATABASE_FILENAME: join(dir, 'data.db'), PUBLIC_DIR: join(dir, 'public') }, cmsDir);
      writeFileSync(join(dir, 'data.db'), 'giữ nguyên');
      const content = join(dir, 'noi-dung');
      mkdirSync(join(content, 'uploads'), { recursive: true });
      writeFileSync(join(content, 'manifest.json'), '{}');
      symlinkSync('/etc', join(content, 'uploads', 'lien-ket'));
      execFileSync('tar', ['--create', '--gzip', '--file', join(dir, 'lien-ket.tar.gz'), '--directory', content, 'manifest.json', 'uploads']);
      expect(() => restoreBackup(join(dir, 'lien-ket.tar.gz'), data)).toThrow('Bản sao lưu chứa mục không hợp lệ');
      execFileSync('tar', [
        '--create',
        '--gzip',
        '--file',
        join(dir, 'ra-ngoai.tar.gz'),
        '--directory',
        content,
        '--transform',
        's,^manifest,../manifest,',
        'manifest.json',
      ]);
      expect(() => restoreBackup(join(dir, 'ra-ngoai.tar.gz'), data)).toThrow('Bản sao lưu chứa mục không hợp lệ');
      expect(readFileSync(join(dir, 'data.db'), 'utf8')).toBe('giữ nguyên');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in Vietnamese when there is nothing to restore, and keeps what is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-backup-none-'));
    try {
      writeFileSync(join(dir, 'data.db'), 'giữ nguyên');
      const data = cmsData({ DATABASE_FILENAME: join(dir, 'data.db'), PUBLIC_DIR: join(dir, 'public') }, cmsDir);
      expect(() => restoreBackup(join(dir, 'khong-co.tar.gz'), data)).toThrow('Không tìm thấy tệp sao lưu');
      expect(readFileSync(join(dir, 'data.db'), 'utf8')).toBe('giữ nguyên');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('backup and restore on PostgreSQL', () => {
  let server: PostgresServer | undefined;
  const available = postgresAvailable();
  if (!available) {
    if (process.env.CI) throw new Error('CI must provide PostgreSQL (.ci/run installs it)');
    console.warn('\n!!! PostgreSQL is not installed: the PostgreSQL backup test is SKIPPED on this machine. Run `apt-get install postgresql`. !!!\n');
  }
  beforeAll(async () => {
    if (!available) return;
    server = await startPostgres();
    server.createDatabase('loa_sao_luu');
    server.createDatabase('loa_khoi_phuc');
  });
  afterAll(() => server?.stop());

  if (available) backupScenario(() => ({ source: server!.env('loa_sao_luu'), target: server!.env('loa_khoi_phuc') }));
});
