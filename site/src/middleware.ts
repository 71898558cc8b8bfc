// Security headers for what the preview server renders on request (the draft preview). The
// public portal is prerendered files; its server sets the same headers
// (scripts/lib/static-server.ts), from the same table (shared/src/security-headers.ts).
import { defineMiddleware } from 'astro:middleware';
import { previewHeaders } from '@loa/shared/security-headers';
import { cmsPublicOrigin } from './lib/env.ts';

const headers = previewHeaders(cmsPublicOrigin);

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  for (const [name, value] of Object.entries(headers)) {
    if (value) response.headers.set(name, value);
    else response.headers.delete(name);
  }
  return response;
});
