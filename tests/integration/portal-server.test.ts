// The portal's own server (scripts/lib/static-server.ts, what `npm start` serves) as a browser,
// a crawler or an attacker meets it: nothing a client sends stops it, it serves no dotfile, every
// answer carries the security headers, attachments come with their real type and as downloads.
// Also what the build writes into every page and how `npm start` installs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@loa/scripts/lib/process.ts';
import { rootDir } from '@loa/scripts/lib/paths.ts';
import { serveStatic } from '@loa/scripts/lib/static-server.ts';
import { listFiles } from '../lib/built-site.ts';

const portal = inject('portal');
let dir: string;
let server: Server;
let base: string;

/** A raw request, so headers a browser never sends (or sends differently) reach the server. */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    // A server that died or hangs fails the test at once, not at vitest's timeout.
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loa-static-'));
  mkdirSync(join(dir, 'tep-tin'), { recursive: true });
  mkdirSync(join(dir, 'tim-kiem', 'du-lieu', 'f'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>Trang chủ</title><p>0123456789</p></html>');
  writeFileSync(join(dir, '404.html'), '<!doctype html><html lang="vi"><title>Không tìm thấy trang</title></html>');
  writeFileSync(join(dir, 'tim-kiem', 'du-lieu', 'f', '.generation'), 'bi-mat');
  writeFileSync(join(dir, '.env'), 'CMS_TOKEN=bi-mat');
  writeFileSync(join(dir, 'tep-tin', 'ke-hoach.pdf'), '%PDF-1.4\n');
  writeFileSync(join(dir, 'tep-tin', 'anh.png'), 'png');
  writeFileSync(join(dir, 'tep-tin', 'bao-cao.docx'), 'PK');
  writeFileSync(join(dir, 'tep-tin', 'trang.xyz'), '<script>alert(1)</script>');
  writeFileSync(join(dir, 'tep-tin', 'trang.html'), '<script>alert(1)</script>');
  const port = await freePort();
  server = await serveStatic(dir, port);
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the portal's static server", () => {
  it('survives every range, address and header a client can send, and keeps answering', async () => {
    const ranges = [
      'bytes=2-1',
      'bytes=abc',
      'bytes=-0',
      'bytes=99999999-',
      'bytes=0-1,3-2',
      'bytes=--1',
      'bytes=99999999999999999999999-1',
      'items=0-1',
      'bytes=5-',
    ];
    for (const range of ranges) {
      const answer = await raw('/', { Range: range });
      expect([200, 206, 416], range).toContain(answer.status);
      expect((await raw('/')).status, `alive after Range: ${range}`).toBe(200);
    }
    const partial = await raw('/', { Range: 'bytes=2-4' });
    expect(partial.status).toBe(206);
    expect(partial.body).toBe('doc');
    for (const path of ['/%E0%A4%A', '/../package.json', '/..%2f..%2fetc/passwd', '/%00', '//index.html', '/index.html/', '/tep-tin/../../etc/passwd']) {
      const answer = await raw(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(200);
      expect(answer.body, path).not.toContain('root:');
      expect((await raw('/')).status, `alive after ${path}`).toBe(200);
    }
  });

  it('serves no dotfile, however the path spells it', async () => {
    for (const path of ['/tim-kiem/du-lieu/f/.generation', '/tim-kiem/du-lieu/f/%2egeneration', '/.env', '/%2Eenv', '/tim-kiem/du-lieu/f/.generation/']) {
      const answer = await raw(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('bi-mat');
    }
  });

  it('sends the security headers with pages, the 404 page and files', async () => {
    for (const path of ['/', '/khong-co/', '/tep-tin/ke-hoach.pdf', '/tim-kiem/du-lieu/f/.generation']) {
      const { headers } = await raw(path);
      expect(headers['content-security-policy'], path).toContain("default-src 'self'");
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('serves attachments with their real type: PDFs and images open, everything else downloads', async () => {
    const expected: Record<string, [string, string]> = {
      'ke-hoach.pdf': ['application/pdf', 'inline'],
      'anh.png': ['image/png', 'inline'],
      'bao-cao.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'attachment'],
      'trang.xyz': ['application/octet-stream', 'attachment'],
      'trang.html': ['application/octet-stream', 'attachment'],
    };
    for (const [file, [type, disposition]] of Object.entries(expected)) {
      const { status, headers } = await raw(`/tep-tin/${file}`);
      expect(status, file).toBe(200);
      expect(headers['content-type'], file).toBe(type);
      expect(headers['content-disposition'], file).toBe(disposition);
      expect(headers['x-content-type-options'], file).toBe('nosniff');
    }
  });

  it("serves the built portal's attachments the same way", async () => {
    const attachments = listFiles(`${portal.distDir}/`).filter((file) => file.includes('/tep-tin/'));
    expect(attachments.length).toBeGreaterThan(0);
    for (const file of attachments) {
      const response = await fetch(`${portal.servedUrl}/tep-tin/${file.split('/').pop()}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('the built pages', () => {
  it('end with </html>: nothing, no script, after the end of the document (the search page included)', () => {
    const pages = listFiles(`${portal.distDir}/`).filter((file) => file.endsWith('.html'));
    expect(pages.some((file) => file.endsWith('/tim-kiem/index.html'))).toBe(true);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8').trimEnd();
      expect(html.endsWith('</html>'), file).toBe(true);
      expect(html.indexOf('</html>'), file).toBe(html.length - '</html>'.length);
      expect(html.indexOf('</body>'), file).toBe(html.length - '</body></html>'.length);
    }
    const search = readFileSync(join(portal.distDir, 'tim-kiem', 'index.html'), 'utf8');
    expect(search).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>.*<\/main>/s);
  });

  it('carry no inline script or style, so the Content-Security-Policy holds without exceptions', () => {
    for (const file of listFiles(`${portal.distDir}/`).filter((name) => name.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
        expect(tag === '<script type="application/ld+json">' || /\ssrc="\/_astro\//.test(tag), `${file}: ${tag}`).toBe(true);
      }
      expect(html, file).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/);
    }
  });
});

describe('npm start', () => {
  it('installs from the lockfile only: a lockfile that no longer matches stops it before anything is installed', () => {
    const work = mkdtempSync(join(tmpdir(), 'loa-bootstrap-'));
    try {
      mkdirSync(join(work, 'scripts'));
      copyFileSync(join(rootDir, 'scripts', 'bootstrap.mjs'), join(work, 'scripts', 'bootstrap.mjs'));
      // The project's own runtime and pnpm, so that nothing is downloaded.
      symlinkSync(join(rootDir, '.runtime'), join(work, '.runtime'));
      writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'loa-lockfile-check', private: true, dependencies: { 'is-number': '7.0.0' } }));
      writeFileSync(join(work, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies: {}\n\npackages: {}\n\nsnapshots: {}\n");
      const env = { ...process.env };
      delete env.CI;
      const result = spawnSync(process.execPath, [join(work, 'scripts', 'bootstrap.mjs'), 'start'], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).not.toBe(0);
      expect(output).toMatch(/ERR_PNPM_OUTDATED_LOCKFILE|frozen/i);
      expect(existsSync(join(work, 'node_modules', 'is-number'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
