import type { Core } from '@strapi/strapi';

// Koa writes an object body by serialising it to a string, measuring that string's UTF-8 length
// (Buffer.byteLength) and encoding it once more to send it. For the content API's pages of
// articles (about 3 MB of Vietnamese text each) that is two passes over a two-byte string: the
// body is serialised and encoded once here instead, and Koa sends the bytes as they are.
export default (_config: unknown, _context: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    await next();
    const body = ctx.body;
    if (!ctx.path.startsWith('/api/') || body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof body.pipe === 'function') return;
    const type = ctx.response.get('Content-Type') || 'application/json; charset=utf-8';
    ctx.body = Buffer.from(JSON.stringify(body));
    ctx.type = type;
  };
};
