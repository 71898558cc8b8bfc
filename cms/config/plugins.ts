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

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // Mail goes out through the ward's SMTP server (the password reset mail, "Quên mật khẩu").
  // Without SMTP_HOST, Strapi's default provider stays, which needs a local sendmail: on a demo
  // machine the reset mail is then logged as not sent.
  ...(env('SMTP_HOST')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: {
              host: env('SMTP_HOST'),
              port: env.int('SMTP_PORT', 587),
              // true for SMTPS (port 465); otherwise STARTTLS is used when the server offers it.
              secure: env.bool('SMTP_SECURE', false),
              ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
            },
            settings: {
              defaultFrom: env('SMTP_FROM'),
              defaultReplyTo: env('SMTP_REPLY_TO', env('SMTP_FROM')),
            },
          },
        },
      }
    : {}),
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
