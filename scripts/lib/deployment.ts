// The ward server's configuration (production mode, scripts/production.ts): one env file
// (deploy/loa-phuong.env.example lists every variable), read by the systemd units through
// EnvironmentFile= and by the commands through LOA_ENV_FILE, plus the secrets generated on the
// first run into the state folder. `npm start` reads none of this.
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateStrapiSecrets, readEnvFile, randomSecret } from '@loa/shared/env-file';
import { UserFacingError } from './log.ts';

export interface Deployment {
  /** The portal's public address, without a trailing slash: every absolute link, feed, sitemap entry and QR code. */
  siteUrl: string;
  /** The CMS's public address (its own host name behind nginx). */
  cmsPublicUrl: string;
  /** Secrets, the CMS setup's result (the site token) and the build cache. */
  stateDir: string;
  /** Where the live site is written: builds/<id>/ and the `current` link nginx serves. */
  siteDir: string;
  cmsPort: number;
  builderPort: number;
  previewPort: number;
  /** The environment for the CMS and the builder: the env file, then the process, then the secrets. */
  env: Record<string, string>;
}

/** The env file named by LOA_ENV_FILE, under the process's own environment (which wins). */
export function deploymentEnv(processEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = processEnv.LOA_ENV_FILE;
  if (file && !existsSync(file)) {
    throw new UserFacingError(`Không tìm thấy tệp cấu hình ${file} (biến LOA_ENV_FILE). Config file ${file} (LOA_ENV_FILE) does not exist.`);
  }
  const fromFile = file ? readEnvFile(file) : {};
  const env: Record<string, string> = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) env[key] = value;
  return env;
}

function publicUrl(env: Record<string, string>, name: string, example: string): string {
  const value = env[name];
  if (!value) throw new UserFacingError(`Chưa khai báo ${name} (ví dụ ${example}). ${name} is not set.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserFacingError(`${name} không phải là một địa chỉ hợp lệ: "${value}". ${name} is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserFacingError(`${name} phải bắt đầu bằng https:// ("${value}"). ${name} must be an http(s) address.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new UserFacingError(`${name} chỉ gồm giao thức và tên miền, không có đường dẫn ("${value}"). ${name} must have no path.`);
  }
  return url.origin;
}

function port(env: Record<string, string>, name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new UserFacingError(`${name} phải là số cổng từ 1 đến 65535. ${name} is not a port.`);
  return value;
}

/**
 * Secrets the ward server needs, generated once into <state>/secrets.env (mode 600) and never
 * printed. Created exclusively, so the CMS and the builder starting together agree on one set; a
 * value set in the env file wins over the generated one.
 */
export function ensureSecrets(stateDir: string): Record<string, string> {
  const file = join(stateDir, 'secrets.env');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    const secrets = {
      ...generateStrapiSecrets(),
      BUILDER_SECRET: randomSecret(24),
      PREVIEW_SECRET: randomSecret(24),
      PREVIEW_API_SECRET: randomSecret(24),
    };
    const text = `# Generated on the first run of the production mode. Never commit or print this file.\n${Object.entries(secrets)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n')}\n`;
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, text);
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readEnvFile(file);
}

/**
 * The CMS's settings for `npm run backup` and `npm run restore`: on the ward server the env file
 * named by LOA_ENV_FILE (with the media folder the production mode uses); otherwise cms/.env, as
 * `npm start` writes it. The process's environment wins in both.
 */
export function cmsSettings(cmsDir: string, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!processEnv.LOA_ENV_FILE) return deploymentEnv({ ...readEnvFile(join(cmsDir, '.env')), ...processEnv });
  const env = deploymentEnv(processEnv);
  return { ...env, PUBLIC_DIR: env.PUBLIC_DIR || mediaFolder(resolve(env.LOA_STATE_DIR || DEFAULT_STATE_DIR)) };
}

const DEFAULT_STATE_DIR = '/var/lib/loa-phuong';

/** The production mode's media library folder (Strapi's public folder; files under uploads/). */
export function mediaFolder(stateDir: string): string {
  return join(stateDir, 'cms-public');
}

/** Reads and checks the ward server's configuration; every problem is named in Vietnamese and English. */
export function loadDeployment(processEnv: NodeJS.ProcessEnv = process.env): Deployment {
  const fileEnv = deploymentEnv(processEnv);
  if ((fileEnv.DATABASE_CLIENT || '') !== 'postgres') {
    throw new UserFacingError(
      'Chế độ chạy trên máy chủ dùng PostgreSQL: đặt DATABASE_CLIENT=postgres và DATABASE_URL (hoặc DATABASE_HOST, DATABASE_NAME, ...). ' +
        'Production mode runs on PostgreSQL: set DATABASE_CLIENT=postgres.',
    );
  }
  const stateDir = resolve(fileEnv.LOA_STATE_DIR || DEFAULT_STATE_DIR);
  const siteDir = resolve(fileEnv.SITE_DIR || join(stateDir, 'site'));
  const deployment = {
    siteUrl: publicUrl(fileEnv, 'SITE_URL', 'https://phuong.example.gov.vn'),
    cmsPublicUrl: publicUrl(fileEnv, 'CMS_PUBLIC_URL', 'https://quantri.phuong.example.gov.vn'),
    stateDir,
    siteDir,
    cmsPort: port(fileEnv, 'CMS_PORT', 1337),
    builderPort: port(fileEnv, 'BUILDER_PORT', 4399),
    previewPort: port(fileEnv, 'PREVIEW_PORT', 4398),
  };
  const secrets = ensureSecrets(stateDir);
  const env: Record<string, string> = { ...secrets, ...fileEnv, NODE_ENV: 'production' };
  return { ...deployment, env };
}

/** Logins for the demo (`npm start`): never taken from the ward server's environment. */
export const DEMO_LOGINS = ['ADMIN', 'AUTHOR', 'EDITOR'].flatMap((role) => [`${role}_EMAIL`, `${role}_PASSWORD`]);

/**
 * The environment a Strapi of the ward server runs with, whoever starts it: the CMS service,
 * create-admin, the report command. No demo content, no demo logins.
 */
export function strapiEnvironment(deployment: Deployment): Record<string, string> {
  const env: Record<string, string> = {
    ...deployment.env,
    PUBLIC_DIR: deployment.env.PUBLIC_DIR || mediaFolder(deployment.stateDir),
    CMS_PUBLIC_URL: deployment.cmsPublicUrl,
    CMS_BEHIND_PROXY: deployment.env.CMS_BEHIND_PROXY || 'true',
    SEED_DEMO_CONTENT: 'false',
    // Strapi reads cms/.env unless ENV_PATH names another file; that one belongs to `npm start`
    // (demo logins among its values). Here every setting comes from the environment.
    ENV_PATH: '/dev/null',
  };
  // Empty rather than absent, so nothing fills them in.
  for (const key of DEMO_LOGINS) env[key] = '';
  return env;
}
