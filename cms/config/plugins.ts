import type { Core } from '@strapi/strapi';

const allowedMediaTypes = [
  'image/*',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.*',
  'application/vnd.oasis.opendocument.*',
  'text/plain',
  'text/csv',
];

// SVG can carry script; executables and shell scripts have no place on a news portal.
const deniedTypes = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

const config = (): Core.Config.Plugin => ({
  upload: {
    config: {
      sizeLimit: 20 * 1024 * 1024,
      // Strapi names uploads by content hash, so a file never changes under its URL: a long
      // cache lifetime lets the portal's build reuse optimised images instead of re-fetching.
      providerOptions: {
        localServer: { maxage: 365 * 24 * 3600 * 1000, immutable: true },
      },
      security: {
        allowedTypes: allowedMediaTypes,
        deniedTypes,
      },
    },
  },
});

export default config;
