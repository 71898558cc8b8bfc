// `npm run restore <archive>`: puts an archive from `npm run backup` back in place of the CMS's
// database and media files. Stop the CMS first. Every file's checksum is verified before anything
// is touched, and what is replaced is kept beside it. See scripts/lib/backup.ts.
import { BackupError, cmsData, restoreBackup } from './lib/backup.ts';
import { cmsSettings } from './lib/deployment.ts';
import { cmsDir } from './lib/paths.ts';

const archive = process.argv[2];
if (!archive) {
  console.error('Cách dùng: npm run restore <tệp sao lưu .tar.gz>   (dừng CMS trước khi khôi phục)');
  process.exit(2);
}
try {
  // On the ward server: LOA_ENV_FILE=/etc/loa-phuong/loa-phuong.env (docs/van-hanh.md).
  const data = cmsData(cmsSettings(cmsDir), cmsDir);
  const { manifest, setAside } = restoreBackup(archive, data);
  console.log(`Đã khôi phục bản sao lưu lúc ${manifest.createdAt}: cơ sở dữ liệu ${manifest.database.client}, ${manifest.uploads.length} tệp phương tiện.`);
  for (const path of setAside) console.log(`  dữ liệu cũ được giữ lại ở ${path}`);
  console.log('Khởi động lại CMS để dùng dữ liệu đã khôi phục.');
} catch (error) {
  console.error(error instanceof BackupError ? `Không khôi phục được: ${error.message}` : error);
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
