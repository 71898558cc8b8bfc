import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/** How long a preview link from the admin stays valid. */
const PREVIEW_LINK_SECONDS = 60 * 60;

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET')!,
  },
  apiToken: {
    salt: env('API_TOKEN_SALT')!,
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT')!,
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY')!,
  },
  // Integration tests run the API without building the admin panel.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  // "Xem trước" opens an article's draft rendered by the portal's own components on the preview
  // server. The link carries a signature of the document and an expiry, never the secret itself.
  preview: {
    enabled: Boolean(env('PREVIEW_URL') && env('PREVIEW_SECRET')),
    config: {
      allowedOrigins: [env('PREVIEW_URL', '')].filter(Boolean),
      async handler(uid, { documentId }) {
        if (uid !== 'api::article.article' || !documentId) return null;
        const expires = Math.floor(Date.now() / 1000) + PREVIEW_LINK_SECONDS;
        const signature = createHmac('sha256', env('PREVIEW_SECRET')!).update(`${documentId}.${expires}`).digest('hex');
        return `${env('PREVIEW_URL')}/xem-truoc/${documentId}/?expires=${expires}&signature=${signature}`;
      },
    },
  },
  // The mail an officer gets from "Quên mật khẩu?" on the login page, in Vietnamese. Strapi fills
  // in <%= url %> (the reset link) and <%= user.* %>.
  forgotPassword: {
    expiresIn: '30m',
    from: env('SMTP_FROM'),
    replyTo: env('SMTP_REPLY_TO', env('SMTP_FROM')),
    emailTemplate: {
      subject: 'Đặt lại mật khẩu trang quản trị cổng thông tin phường',
      text: `Kính gửi <%= user.firstname %> <%= user.lastname %>,

Trang quản trị cổng thông tin phường vừa nhận yêu cầu đặt lại mật khẩu cho tài khoản <%= user.email %>.
Để đặt mật khẩu mới, mở liên kết sau (dùng được một lần, trong 30 phút):

<%= url %>

Nếu không phải anh/chị yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.`,
      html: `<p>Kính gửi <%= user.firstname %> <%= user.lastname %>,</p>
<p>Trang quản trị cổng thông tin phường vừa nhận yêu cầu đặt lại mật khẩu cho tài khoản <%= user.email %>.
Để đặt mật khẩu mới, mở liên kết sau (dùng được một lần, trong 30 phút):</p>
<p><a href="<%= url %>"><%= url %></a></p>
<p>Nếu không phải anh/chị yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.</p>`,
      // Strapi's Admin config type says string, but its forgot-password service hands this
      // object to the email plugin's sendTemplatedEmail as { subject, text, html }, as its own
      // default template is.
    } as unknown as string,
  },
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: false,
  },
});

export default config;
