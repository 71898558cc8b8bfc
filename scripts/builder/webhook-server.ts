// Receives the CMS's webhooks for the builder. Only calls carrying the shared secret count; a
// change that touches drafts only (an officer saving her work) is acknowledged and ignored.
// GET /health answers the portal's state (Builder.portalStatus) for the CMS's home page and for
// monitoring: 200 while the last build succeeded, 503 while the last one failed. It listens on
// 127.0.0.1 only and names no draft.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Builder } from './builder.ts';

interface WebhookPayload {
  event?: string;
  uid?: string;
  model?: string;
  entry?: { publishedAt?: string | null; documentId?: string };
}

/** True when the event cannot change what residents see. */
export function isDraftOnly(payload: WebhookPayload): boolean {
  const draftEvent = payload.event === 'entry.create' || payload.event === 'entry.update';
  return draftEvent && payload.entry !== undefined && 'publishedAt' in payload.entry && payload.entry.publishedAt === null;
}

function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('payload too large');
  }
  return body;
}

export function startWebhookServer(builder: Builder, secret: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      const status = builder.portalStatus();
      res.writeHead(status.lastFailure ? 503 : 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(status));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/hooks/cms') {
      res.writeHead(404).end();
      return;
    }
    if (!secretMatches(req.headers['x-loa-secret'], secret)) {
      res.writeHead(401).end();
      return;
    }
    let payload: WebhookPayload = {};
    try {
      payload = JSON.parse(await readBody(req)) as WebhookPayload;
    } catch {
      // A nudge without a readable body is still a nudge.
    }
    if (isDraftOnly(payload)) {
      res.writeHead(202).end('ignored: draft only');
      return;
    }
    builder.nudge(`${payload.event ?? 'webhook'} ${payload.uid ?? payload.model ?? ''}`.trim());
    res.writeHead(202).end('queued');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
