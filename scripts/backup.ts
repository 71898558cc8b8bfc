// `npm run backup [archive]`: one archive of the CMS's database and media files, by default
// backups/loa-phuong-<time>.tar.gz. The CMS may keep running. See scripts/lib/backup.ts.
import { join } from 'node:path';
import { readEnvFile } from '@loa/shared/env-file';
import { BackupError, cmsData, createBackup } from './lib/backup.ts';
import { cmsDir, rootDir } from './lib/paths.ts';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const archive = process.argv[2] || join(rootDir, 'backups', `loa-phuong-${stamp}.tar.gz`);
try {
  const data = cmsData({ ...readEnvFile(join(cmsDir, '.env')), ...process.env }, cmsDir);
  const manifest = await createBackup(data, archive);
  console.log(`Đã sao lưu vào ${archive}`);
  console.log(`  cơ sở dữ liệu: ${manifest.database.client}, ${(manifest.database.size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  tệp phương tiện: ${manifest.uploads.length} tệp`);
} catch (error) {
  console.error(error instanceof BackupError ? `Không sao lưu được: ${error.message}` : error);
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
