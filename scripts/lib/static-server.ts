// Serves a built site the way a plain static host would: directory indexes, the site's 404 page,
// the portal's security headers on every answer. serve-static (Express's) looks each file up on
// every request, so a rebuilt site behind the `current` link is served at once; it answers bad
// ranges with 416, refuses paths outside the folder and ignores dotfiles.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import serveStaticFiles from 'serve-static';
import { attachmentHeaders, portalHeaders } from '@loa/shared/security-headers';

const FALLBACK_404 = '<!doctype html><html lang="vi"><title>Không tìm thấy trang</title><h1>Không tìm thấy trang</h1></html>';

async function notFound(dir: string, res: ServerResponse): Promise<void> {
  const page = await readFile(join(dir, '404.html')).catch(() => FALLBACK_404);
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(page);
}

export function serveStatic(dir: string, port: number): Promise<Server> {
  const files = serveStaticFiles(dir, {
    extensions: ['html'],
    dotfiles: 'ignore',
    setHeaders(res, path) {
      if (/[\\/]tep-tin[\\/][^\\/]+$/.test(path)) {
        for (const [name, value] of Object.entries(attachmentHeaders(basename(path)))) res.setHeader(name, value);
      }
    },
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(portalHeaders)) res.setHeader(name, value);
    // A request the files cannot answer (unknown path, dotfile, a path that leaves the folder,
    // a malformed address) gets the 404 page or its own status, never an exception.
    const fallback = (error?: { status?: number; statusCode?: number }) => {
      if (res.headersSent) return res.destroy();
      const status = error?.status ?? error?.statusCode;
      if (!error || status === 404) return void notFound(dir, res).catch(() => res.destroy());
      res.statusCode = status && status >= 400 && status < 600 ? status : 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(res.statusCode === 500 ? 'Lỗi máy chủ' : 'Yêu cầu không hợp lệ');
    };
    try {
      files(req as never, res as never, fallback);
    } catch (error) {
      console.error(`static server: ${req.method} ${req.url}: ${(error as Error).message}`);
      fallback({ status: 500 });
    }
  };
  const server = createServer((req, res) => handle(req, res));
  // A client that sends garbage or hangs up mid-answer must never stop the process.
  server.on('clientError', (_error, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
