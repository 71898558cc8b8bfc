// Serves a built site the way a plain static host would: directory indexes, the site's 404 page.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import sirv from 'sirv';

export function serveStatic(dir: string, port: number): Promise<Server> {
  // dev: true makes sirv look files up on every request, so a rebuilt site is served at once.
  const files = sirv(dir, { dev: true, etag: true, dotfiles: false, extensions: ['html'] });
  const server = createServer((req, res) => {
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      try {
        res.end(readFileSync(join(dir, '404.html')));
      } catch {
        res.end('<!doctype html><html lang="vi"><title>Không tìm thấy trang</title><h1>Không tìm thấy trang</h1></html>');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
