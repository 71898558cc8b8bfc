// `npm run backup [archive]`: one archive of the CMS's database and media files, by default
// backups/loa-phuong-<time>.tar.gz (on the ward server <LOA_STATE_DIR>/backups/). The CMS may keep running. See scripts/lib/backup.ts.
import { join } from 'node:path';
import { BackupError, cmsData, createBackup } from './lib/backup.ts';
import { cmsSettings } from './lib/deployment.ts';
import { cmsDir, rootDir } from './lib/paths.ts';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
try {
  // On the ward server: LOA_ENV_FILE=/etc/loa-phuong/loa-phuong.env (docs/van-hanh.md), and the
  // archives go to the state folder's backups/ (the code's folder is read-only there).
  const settings = cmsSettings(cmsDir);
  const folder = process.env.LOA_ENV_FILE ? join(settings.LOA_STATE_DIR || '/var/lib/loa-phuong', 'backups') : join(rootDir, 'backups');
  const archive = process.argv[2] || join(folder, `loa-phuong-${stamp}.tar.gz`);
  const data = cmsData(settings, cmsDir);
  const manifest = await createBackup(data, archive);
  console.log(`Đã sao lưu vào ${archive}`);
  console.log(`  cơ sở dữ liệu: ${manifest.database.client}, ${(manifest.database.size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  tệp phương tiện: ${manifest.uploads.length} tệp`);
} catch (error) {
  console.error(error instanceof BackupError ? `Không sao lưu được: ${error.message}` : error);
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
