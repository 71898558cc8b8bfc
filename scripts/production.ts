// `npm run production [-- <command>]`: Loa Phường on the ward's server, behind nginx, on
// PostgreSQL, with NODE_ENV=production. Configuration comes from the environment and the env file
// named by LOA_ENV_FILE (deploy/loa-phuong.env.example lists every variable); secrets are
// generated on the first run into the state folder and never printed. No demo content, no demo
// users: the first administrator is made by `create-admin`, which asks for the password.
//
//   prepare        build the CMS's admin panel and server code (after installing or upgrading)
//   create-admin   ask for an e-mail, a name and a password, and create a super administrator
//   cms            run the CMS (systemd: deploy/systemd/loa-phuong-cms.service)
//   builder        run the builder: rebuild the portal into SITE_DIR on every publish, serve
//                  draft previews, answer /health (deploy/systemd/loa-phuong-builder.service)
//   (none)         prepare, then run the CMS and the builder together in this terminal
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { dirname, join } from 'node:path';
import { Builder } from './builder/builder.ts';
import { PreviewServer } from './builder/preview-server.ts';
import { startWebhookServer } from './builder/webhook-server.ts';
import { buildCms, startCms } from './lib/cms.ts';
import { DEMO_LOGINS, deploymentEnv, loadDeployment, strapiEnvironment, type Deployment } from './lib/deployment.ts';
import { info, step, UserFacingError } from './lib/log.ts';
import { cmsDir, rootDir } from './lib/paths.ts';
import { stop, waitForHttp } from './lib/process.ts';
import type { SetupResult } from './cms/setup.ts';

const setupFile = (deployment: Deployment) => join(deployment.stateDir, 'cms-setup.json');

function readSetup(deployment: Deployment): SetupResult | null {
  try {
    return JSON.parse(readFileSync(setupFile(deployment), 'utf8')) as SetupResult;
  } catch {
    return null;
  }
}

/**
 * Builds the admin panel and the CMS's server code, and points .runtime/bin/node at the Node
 * running this, so the systemd units name one path whichever Node the bootstrap chose.
 */
async function prepare(settings: Record<string, string>): Promise<void> {
  step('Building the CMS (admin panel and server code)');
  const env: Record<string, string> = { ...settings, NODE_ENV: 'production' };
  for (const key of DEMO_LOGINS) delete env[key];
  if (!(await buildCms(env))) info('admin panel unchanged, reusing cms/dist/build');
  const link = join(rootDir, '.runtime', 'bin', 'node');
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(process.execPath, link);
  info(`Node for the services: ${link} -> ${process.execPath}`);
}

/** The CMS service's environment: the ward server's Strapi, with the builder and the previews it nudges. */
function cmsEnv(deployment: Deployment): Record<string, string> {
  const env: Record<string, string> = {
    ...strapiEnvironment(deployment),
    BUILDER_WEBHOOK_URL: `http://127.0.0.1:${deployment.builderPort}/hooks/cms`,
    // Draft previews are served under the portal's own address (nginx passes /xem-truoc/ to the builder's preview server).
    PREVIEW_URL: deployment.siteUrl,
    SITE_TOKEN: readSetup(deployment)?.siteToken ?? '',
    SERVE_ADMIN_PANEL: 'true',
  };
  mkdirSync(join(env.PUBLIC_DIR, 'uploads'), { recursive: true });
  return env;
}

async function runCms(deployment: Deployment): Promise<Awaited<ReturnType<typeof startCms>>> {
  if (!existsSync(join(cmsDir, 'dist', 'build', 'index.html'))) {
    throw new UserFacingError('Chưa dựng trang quản trị: chạy `npm run production -- prepare` trước. The admin panel is not built: run prepare first.');
  }
  step(`Starting the CMS on 127.0.0.1:${deployment.cmsPort} (public address ${deployment.cmsPublicUrl})`);
  return startCms({ env: cmsEnv(deployment), port: deployment.cmsPort, resultFile: setupFile(deployment), timeoutMs: 600_000 });
}

async function runBuilder(deployment: Deployment): Promise<{ builder: Builder; preview: PreviewServer }> {
  const cmsUrl = `http://127.0.0.1:${deployment.cmsPort}`;
  step(`Waiting for the CMS at ${cmsUrl}`);
  await waitForHttp(`${cmsUrl}/_health`, null, 600_000);
  // The CMS writes the site's token when its setup is done, just before it listens.
  if (!readSetup(deployment)) throw new Error(`The CMS answers but ${setupFile(deployment)} is missing: is it the CMS of this LOA_STATE_DIR?`);
  const env = deployment.env;
  const preview = new PreviewServer({
    port: deployment.previewPort,
    env: { ...process.env, ...env, CMS_URL: cmsUrl, CMS_PUBLIC_URL: deployment.cmsPublicUrl },
  });
  const builder = new Builder({
    cmsUrl,
    // Read before each build: the CMS makes a new token if the one it had was revoked.
    cmsToken: () => readSetup(deployment)?.siteToken ?? '',
    siteUrl: deployment.siteUrl,
    buildsDir: join(deployment.siteDir, 'builds'),
    currentLink: join(deployment.siteDir, 'current'),
    cacheDir: join(deployment.stateDir, 'astro-cache'),
    precompress: true,
    statusFile: join(deployment.stateDir, 'portal-status.json'),
    reconcileMs: Number(env.RECONCILE_SECONDS || 120) * 1000,
    onSwitch: (buildDir) => preview.restart(buildDir),
  });
  await startWebhookServer(builder, env.BUILDER_SECRET, deployment.builderPort);
  builder.startReconciling();
  step(`Building the portal for ${deployment.siteUrl} into ${join(deployment.siteDir, 'current')}`);
  const first = await builder.buildNow('builder started');
  if (!first.ok) {
    info(`the first build failed; still serving ${builder.currentBuild ?? 'nothing'}, trying again on the next publish or check`);
    // A build from before this start still serves the previews (a good build restarts them itself).
    if (builder.currentBuild) await preview.restart(join(deployment.siteDir, 'builds', builder.currentBuild));
  }
  return { builder, preview };
}

/** Reads a line without echoing it (a password), when stdin is a terminal. */
async function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the question shows: what is typed as soon as it appears is never echoed.
  stdin.setRawMode(true);
  stdin.resume();
  process.stdout.write(question);
  let answer = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(answer);
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          return reject(new UserFacingError('Đã hủy. Cancelled.'));
        }
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Strapi's rule for admin passwords, said in Vietnamese. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Mật khẩu cần ít nhất 8 ký tự.';
  if (Buffer.byteLength(password) > 72) return 'Mật khẩu dài quá 72 byte.';
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) return 'Mật khẩu cần có chữ thường, chữ hoa và chữ số.';
  return null;
}

async function createAdmin(deployment: Deployment): Promise<void> {
  const interactive = process.stdin.isTTY;
  // Piped input (scripts, tests): one answer per line, in the order the questions are asked.
  const lines = interactive ? null : readFileSync(0, 'utf8').split(/\r?\n/);
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  const ask = async (question: string) => (rl ? (await rl.question(question)).trim() : (lines!.shift() ?? '').trim());
  const email = await ask('Thư điện tử của quản trị viên: ');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserFacingError(`"${email}" không phải là địa chỉ thư điện tử hợp lệ. Not an e-mail address.`);
  const firstname = (await ask('Tên (ví dụ: Lan): ')) || 'Quản trị';
  const lastname = (await ask('Họ và tên đệm (ví dụ: Nguyễn Thị): ')) || 'Cổng thông tin';
  rl?.close();
  const password = interactive ? await askHidden('Mật khẩu (không hiện khi gõ): ') : (lines!.shift() ?? '');
  const again = interactive ? await askHidden('Nhập lại mật khẩu: ') : (lines!.shift() ?? '');
  const problem = passwordProblem(password);
  if (problem) throw new UserFacingError(`${problem} Không tạo tài khoản. The password does not meet the rules; nothing was created.`);
  if (password !== again) throw new UserFacingError('Hai lần nhập mật khẩu không khớp. Không tạo tài khoản. The passwords differ; nothing was created.');
  const child = spawn(process.execPath, [join(rootDir, 'scripts', 'cms', 'create-admin.ts')], {
    cwd: cmsDir,
    env: { ...process.env, ...cmsEnv(deployment), HOST: '127.0.0.1', PORT: String(deployment.cmsPort), LOA_SETUP_RESULT: '' },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  child.stdin.end(JSON.stringify({ email, firstname, lastname, password }));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code === 2) throw new UserFacingError('Không tạo tài khoản (lý do ở trên). The account was not created.');
  if (code !== 0) throw new Error(`creating the administrator failed (exit ${code})`);
  console.log(`Đã tạo quản trị viên ${email.toLowerCase()}. Đăng nhập tại ${deployment.cmsPublicUrl}/admin`);
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'all';
  // Run by whoever installs the code (root): it touches neither the state folder nor the secrets.
  if (command === 'prepare') return prepare(deploymentEnv());
  const deployment = loadDeployment();
  if (command === 'create-admin') return createAdmin(deployment);
  if (!['cms', 'builder', 'all'].includes(command)) {
    throw new UserFacingError(`Không có lệnh "${command}". Dùng: prepare, create-admin, cms, builder. Unknown command.`);
  }
  if (command === 'all') await prepare(deployment.env);
  const cms = command === 'builder' ? null : await runCms(deployment);
  const running = command === 'cms' ? null : await runBuilder(deployment);
  const shutdown = async () => {
    running?.builder.stop();
    await running?.preview.stop();
    if (cms) await stop(cms.child);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // The service ends with the CMS, so systemd restarts it.
  cms?.child.on('exit', (code) => process.exit(code ?? 1));
  if (cms) {
    console.log(
      `Loa Phường (production): CMS ${deployment.cmsPublicUrl}/admin, portal ${deployment.siteUrl}/ from ${join(deployment.siteDir, 'current', 'client')}`,
    );
  }
}

main().catch((error) => {
  if (error instanceof UserFacingError) console.error(`\n✖ ${error.message}`);
  else console.error(`\n✖ ${(error as Error).stack ?? error}`);
  process.exit(1);
});
