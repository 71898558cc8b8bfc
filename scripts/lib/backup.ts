// One archive holds everything the CMS keeps: the database (SQLite's online backup, or pg_dump in
// its custom format) and the media library's files, with a manifest of SHA-256 sums. Restoring
// checks every sum before it touches anything, then puts the database and the files in place;
// what it replaces is kept beside them, never deleted. Used by `npm run backup` and
// `npm run restore` (scripts/backup.ts, scripts/restore.ts) and by tests/integration/backup.test.ts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite';

const FORMAT = 'loa-phuong-backup';
const VERSION = 1;

/** Where the CMS keeps its data, as cms/config/database.ts and server.ts read it. */
export type CmsData =
  | { client: 'sqlite'; file: string; publicDir: string }
  | { client: 'postgres'; url?: string; host: string; port: string; database: string; user: string; password?: string; publicDir: string };

/** A backup or restore that cannot go on: `message` is for the ward's IT staff, in Vietnamese. */
export class BackupError extends Error {}

/** The CMS's data locations from its environment (cms/.env and the process), paths relative to cms/. */
export function cmsData(env: Record<string, string | undefined>, cmsDir: string): CmsData {
  const publicDir = resolve(cmsDir, env.PUBLIC_DIR || './public');
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (client === 'sqlite') return { client, file: resolve(cmsDir, env.DATABASE_FILENAME || '.tmp/data.db'), publicDir };
  if (client === 'postgres') {
    return {
      client,
      url: env.DATABASE_URL || undefined,
      host: env.DATABASE_HOST || 'localhost',
      port: env.DATABASE_PORT || '5432',
      database: env.DATABASE_NAME || 'strapi',
      user: env.DATABASE_USERNAME || 'strapi',
      password: env.DATABASE_PASSWORD,
      publicDir,
    };
  }
  throw new BackupError(`Cơ sở dữ liệu "${client}" chưa được hỗ trợ sao lưu; chỉ hỗ trợ sqlite và postgres.`);
}

interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: { client: CmsData['client'] } & ManifestFile;
  uploads: ManifestFile[];
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function described(root: string, file: string): ManifestFile {
  return { path: relative(root, file), size: statSync(file).size, sha256: sha256(file) };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** pg_dump and pg_restore take the connection from libpq's variables, so no password is on a command line. */
function pgEnv(data: Extract<CmsData, { client: 'postgres' }>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(data.url ? {} : { PGHOST: data.host, PGPORT: data.port, PGDATABASE: data.database, PGUSER: data.user }),
    ...(data.password ? { PGPASSWORD: data.password } : {}),
  };
}

function pgTarget(data: Extract<CmsData, { client: 'postgres' }>): string[] {
  return data.url ? ['--dbname', data.url] : ['--dbname', data.database];
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, what: string): void {
  try {
    execFileSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new BackupError(`${what} không thành công: ${detail}`);
  }
}

/** Writes one .tar.gz archive of the CMS's data to `archive` and returns its manifest. */
export async function createBackup(data: CmsData, archive: string): Promise<Manifest> {
  const work = mkdtempSync(join(tmpdir(), 'loa-backup-'));
  try {
    const dbDir = join(work, 'database');
    mkdirSync(dbDir);
    let dbFile: string;
    if (data.client === 'sqlite') {
      if (!existsSync(data.file)) throw new BackupError(`Không tìm thấy cơ sở dữ liệu ${data.file}.`);
      // SQLite's online backup: a consistent copy while the CMS keeps running and writing.
      dbFile = join(dbDir, 'data.db');
      const source = new DatabaseSync(data.file, { readOnly: true });
      try {
        await sqliteBackup(source, dbFile);
      } finally {
        source.close();
      }
    } else {
      dbFile = join(dbDir, 'postgres.dump');
      runTool(
        'pg_dump',
        ['--format=custom', '--no-owner', '--no-privileges', '--file', dbFile, ...pgTarget(data)],
        pgEnv(data),
        'Sao lưu PostgreSQL (pg_dump)',
      );
    }
    const uploadsDir = join(work, 'uploads');
    if (existsSync(join(data.publicDir, 'uploads'))) cpSync(join(data.publicDir, 'uploads'), uploadsDir, { recursive: true });
    else mkdirSync(uploadsDir);
    const manifest: Manifest = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      database: { client: data.client, ...described(work, dbFile) },
      uploads: filesUnder(uploadsDir).map((file) => described(work, file)),
    };
    writeFileSync(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(resolve(archive)), { recursive: true });
    // Written under another name and renamed: a backup that dies half-way leaves no archive that looks whole.
    const partial = `${resolve(archive)}.partial`;
    runTool(
      'tar',
      ['--create', '--gzip', '--file', partial, '--directory', work, 'manifest.json', 'database', 'uploads'],
      process.env,
      'Đóng gói bản sao lưu (tar)',
    );
    renameSync(partial, resolve(archive));
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unpacks an archive and checks its manifest and every file's sum; nothing of the CMS is touched. */
function unpackChecked(archive: string, work: string): Manifest {
  if (!existsSync(archive)) throw new BackupError(`Không tìm thấy tệp sao lưu ${archive}.`);
  // Only plain files and folders, none named outside the archive: a link or a "../" in an
  // archive someone handed over could otherwise write anywhere the restoring user may.
  let listing: string;
  try {
    listing = execFileSync('tar', ['--list', '--verbose', '--gzip', '--file', archive], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch {
    throw new BackupError('Tệp này không phải bản sao lưu đọc được (không giải nén được). Không khôi phục gì.');
  }
  for (const line of listing.split('\n').filter(Boolean)) {
    const name = line.split(/\s+/).slice(5).join(' ');
    if (!/^[-d]/.test(line) || name.startsWith('/') || name.split('/').includes('..')) {
      throw new BackupError(`Bản sao lưu chứa mục không hợp lệ (${name || line}). Không khôi phục gì.`);
    }
  }
  runTool('tar', ['--extract', '--gzip', '--file', archive, '--directory', work, '--no-same-owner'], process.env, 'Giải nén bản sao lưu (tar)');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(work, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new BackupError('Tệp này không phải bản sao lưu của Loa Phường (thiếu manifest.json).');
  }
  if (manifest.format !== FORMAT || manifest.version !== VERSION) throw new BackupError('Tệp này không phải bản sao lưu Loa Phường mà phiên bản này đọc được.');
  for (const file of [manifest.database, ...manifest.uploads]) {
    const path = resolve(work, file.path);
    if (!path.startsWith(`${work}/`) || !existsSync(path) || sha256(path) !== file.sha256) {
      throw new BackupError(`Bản sao lưu bị hỏng: tệp ${file.path} thiếu hoặc không đúng mã kiểm tra. Không khôi phục gì.`);
    }
  }
  const listed = new Set(manifest.uploads.map((file) => file.path));
  const extra = filesUnder(join(work, 'uploads')).find((file) => !listed.has(relative(work, file)));
  if (extra) throw new BackupError(`Bản sao lưu bị hỏng: tệp ${relative(work, extra)} không có trong danh sách. Không khôi phục gì.`);
  return manifest;
}

/**
 * Puts the archive's database and files in place of the CMS's (which must be stopped). What is
 * replaced is renamed with a ".truoc-khoi-phuc-<time>" suffix beside it, never deleted. Returns
 * the manifest and the names of what was set aside.
 */
export function restoreBackup(archive: string, data: CmsData): { manifest: Manifest; setAside: string[] } {
  const work = mkdtempSync(join(tmpdir(), 'loa-restore-'));
  try {
    const manifest = unpackChecked(resolve(archive), work);
    if (manifest.database.client !== data.client) {
      throw new BackupError(`Bản sao lưu là của cơ sở dữ liệu ${manifest.database.client}, còn CMS đang cấu hình ${data.client}. Không khôi phục gì.`);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = (path: string) => `${path}.truoc-khoi-phuc-${stamp}`;
    const setAside: string[] = [];

    if (data.client === 'postgres') {
      // One transaction: a restore that fails leaves the database as it was.
      runTool(
        'pg_restore',
        ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', ...pgTarget(data), join(work, manifest.database.path)],
        pgEnv(data),
        'Khôi phục PostgreSQL (pg_restore)',
      );
    } else {
      mkdirSync(dirname(data.file), { recursive: true });
      const incoming = `${data.file}.dang-khoi-phuc`;
      cpSync(join(work, manifest.database.path), incoming);
      for (const path of [data.file, `${data.file}-wal`, `${data.file}-shm`, `${data.file}-journal`]) {
        if (existsSync(path)) {
          renameSync(path, aside(path));
          setAside.push(aside(path));
        }
      }
      renameSync(incoming, data.file);
    }

    const uploads = join(data.publicDir, 'uploads');
    const incomingUploads = `${uploads}.dang-khoi-phuc`;
    rmSync(incomingUploads, { recursive: true, force: true });
    mkdirSync(data.publicDir, { recursive: true });
    cpSync(join(work, 'uploads'), incomingUploads, { recursive: true });
    if (existsSync(uploads)) {
      renameSync(uploads, aside(uploads));
      setAside.push(aside(uploads));
    }
    renameSync(incomingUploads, uploads);
    return { manifest, setAside };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
