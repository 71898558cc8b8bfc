// Debian's nginx running the shipped site configuration (deploy/nginx/) for a test: the example
// host names, ports, certificate and folder paths are replaced, TLS uses a self-signed
// certificate made with openssl, and a small main configuration wraps it (the server's own
// /etc/nginx/nginx.conf plays that part in production). Requests go to 127.0.0.1 with the
// host name as SNI and Host, as a browser would send them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { rootDir } from '@loa/scripts/lib/paths.ts';
import { stop } from '@loa/scripts/lib/process.ts';

export const NGINX = '/usr/sbin/nginx';
export const nginxAvailable = existsSync(NGINX);
export const PORTAL_HOST = 'phuong.example.gov.vn';
export const CMS_HOST = 'quantri.phuong.example.gov.vn';

if (!nginxAvailable) {
  if (process.env.CI) throw new Error(`CI must provide nginx at ${NGINX} (.ci/run installs it)`);
  console.warn(`\n!!! nginx not found at ${NGINX}: the nginx tests are SKIPPED on this machine. Run \`apt-get install nginx\` to include them. !!!\n`);
}

export interface RunningNginx {
  httpsPort: number;
  httpPort: number;
  portalUrl: string;
  cmsUrl: string;
  stop(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body, gunzipped when it came compressed. */
  text(): string;
}

/** One HTTPS request through nginx: `url` names the public host; the connection goes to 127.0.0.1. */
export function tlsRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        servername: target.hostname,
        rejectUnauthorized: false,
        headers: { Host: target.host, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body,
            text: () => (headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Starts nginx with deploy/nginx/ in front of a portal folder and the local CMS and preview ports. */
export async function startNginx(options: {
  dir: string;
  siteDir: string;
  cmsPort: number;
  previewPort: number;
  httpsPort: number;
  httpPort: number;
}): Promise<RunningNginx> {
  const { dir, httpsPort, httpPort } = options;
  mkdirSync(join(dir, 'temp'), { recursive: true });
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${PORTAL_HOST}`,
      '-addext',
      `subjectAltName=DNS:${PORTAL_HOST},DNS:${CMS_HOST}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  const headersFile = join(dir, 'loa-phuong-headers.conf');
  writeFileSync(headersFile, readFileSync(join(rootDir, 'deploy', 'nginx', 'loa-phuong-headers.conf')));
  const site = readFileSync(join(rootDir, 'deploy', 'nginx', 'loa-phuong.conf'), 'utf8')
    .replace(/^\s*listen \[::\]:.*$/gm, '')
    .replace(/listen 443 ssl http2;/g, `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/listen 80;/g, `listen 127.0.0.1:${httpPort};`)
    .replace(/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/g, cert)
    .replace(/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/g, key)
    .replaceAll('/etc/nginx/snippets/loa-phuong-headers.conf', headersFile)
    .replaceAll('/var/lib/loa-phuong/site', options.siteDir)
    .replaceAll('/var/www/letsencrypt', join(dir, 'acme'))
    .replaceAll('127.0.0.1:1337', `127.0.0.1:${options.cmsPort}`)
    .replaceAll('127.0.0.1:4398', `127.0.0.1:${options.previewPort}`);
  const siteFile = join(dir, 'loa-phuong.conf');
  writeFileSync(siteFile, site);
  const temp = join(dir, 'temp');
  // The test's stand-in for /etc/nginx/nginx.conf. Workers run as root here only because the
  // test's folders are private to root.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `user root;
worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${siteFile};
}
`,
  );
  execFileSync(NGINX, ['-t', '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'pipe' });
  const child: ChildProcess = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'inherit' });
  const portalUrl = `https://${PORTAL_HOST}:${httpsPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await tlsRequest(`${portalUrl}/`);
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`nginx did not start: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { httpsPort, httpPort, portalUrl, cmsUrl: `https://${CMS_HOST}:${httpsPort}`, stop: () => stop(child) };
}
