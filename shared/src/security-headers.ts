// Response headers of the public portal and the draft preview, in one place for every server
// that serves them (scripts/lib/static-server.ts, the preview's middleware in site/src/).

/**
 * What the pages may load: only their own files. The pages carry no inline script or style
 * (JSON-LD is data, not script); images come from the portal itself or as data: URLs.
 */
function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Headers for every answer of the public portal, pages and files alike. */
export const portalHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy("'none'"),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * Headers for the draft preview: the admin shows it in a frame, so the CMS's origin (and only
 * it) may frame it; search engines never index it.
 */
export function previewHeaders(cmsOrigin: string): Record<string, string> {
  return {
    ...portalHeaders,
    'Content-Security-Policy': contentSecurityPolicy(cmsOrigin),
    // Empty: no X-Frame-Options, whose only values would forbid the admin's frame.
    'X-Frame-Options': '',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}

/** Types of the attachments the CMS accepts (cms/src/middlewares/upload-guard.ts), by extension. */
export const attachmentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Headers for an attachment under /tep-tin/: its real type, and a download rather than a page
 * for anything a browser would otherwise open, except PDFs and images. An unknown extension is
 * an opaque download.
 */
export function attachmentHeaders(fileName: string): Record<string, string> {
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  const type = attachmentTypes[extension];
  const inline = type !== undefined && (type === 'application/pdf' || type.startsWith('image/'));
  return {
    'Content-Type': type ?? 'application/octet-stream',
    'Content-Disposition': inline ? 'inline' : 'attachment',
  };
}
