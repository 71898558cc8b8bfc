// A real CMS on a throwaway database, for tests: own port, own SQLite file (or PostgreSQL
// database), own uploads folder, freshly generated secrets.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStrapiSecrets } from '@loa/shared/env-file';
import { startCms, type CmsProcess } from '@loa/scripts/lib/cms.ts';
import { freePort, stop } from '@loa/scripts/lib/process.ts';

export const ADMIN = { email: 'kiemthu@loaphuong.local', password: 'KiemThu-2024-an-toan' };
/** The demo Editor and Author logins, for a CMS started with `editorialUsers`. */
export const EDITOR = { email: 'bientap@loaphuong.local', password: 'BienTap-2024-an-toan' };
export const AUTHOR = { email: 'vanhoa@loaphuong.local', password: 'VanHoa-2024-an-toan' };
export const editorialUsers = {
  AUTHOR_EMAIL: AUTHOR.email,
  AUTHOR_PASSWORD: AUTHOR.password,
  EDITOR_EMAIL: EDITOR.email,
  EDITOR_PASSWORD: EDITOR.password,
};

export interface TempCms extends CmsProcess {
  dir: string;
  stop(): Promise<void>;
}

export interface TempCmsOptions {
  /** Reuse an existing temp folder (database, uploads, secrets) to restart the same CMS. */
  dir?: string;
  secrets?: Record<string, string>;
  database?: Record<string, string>;
  extraArticlesDir?: string;
  siteToken?: string;
  serveAdminPanel?: boolean;
  /** Extra environment for the CMS (scheduler rule, webhook, demo users). */
  env?: Record<string, string>;
}

export async function startTempCms(options: TempCmsOptions = {}): Promise<TempCms & { secrets: Record<string, string> }> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'loa-cms-'));
  mkdirSync(join(dir, 'public', 'uploads'), { recursive: true });
  const secrets = options.secrets ?? generateStrapiSecrets();
  const port = await freePort();
  const cms = await startCms({
    port,
    resultFile: join(dir, 'setup.json'),
    // LOA_DEBUG_CMS=1 shows the CMS's own log while a test runs.
    quiet: !process.env.LOA_DEBUG_CMS,
    env: {
      ...process.env,
      ...secrets,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: join(dir, 'data.db'),
      ...options.database,
      PUBLIC_DIR: join(dir, 'public'),
      SERVE_ADMIN_PANEL: String(options.serveAdminPanel ?? false),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO_CONTENT: 'true',
      SEED_EXTRA_ARTICLES_DIR: options.extraArticlesDir ?? '',
      SITE_TOKEN: options.siteToken ?? '',
      ...options.env,
    },
  });
  return { ...cms, dir, secrets, stop: () => stop(cms.child) };
}
