// "Quên mật khẩu": an officer who forgot her password gets the reset mail through the ward's SMTP
// server, follows its link and signs in with the new password. The SMTP server is a real one
// (the smtp-server package) running inside the test; the CMS sends through Strapi's nodemailer
// provider, configured by SMTP_* as on the ward's server.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../lib/admin-api.ts';
import { AUTHOR, editorialUsers, startTempCms, type TempCms } from '../lib/temp-cms.ts';

const FROM = 'Cổng thông tin phường <khong-tra-loi@loaphuong.local>';
const NEW_PASSWORD = 'MatKhauMoi-2026-an-toan';

let cms: TempCms;
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  // A plain local relay, as on the ward's network; the CMS's provider sends without TLS then.
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

async function mailTo(address: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const mail = received.find((m) => m.to && !Array.isArray(m.to) && m.to.value.some((to) => to.address === address));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} within ${timeoutMs / 1000} s`);
}

const post = (path: string, body: unknown) =>
  fetch(`${cms.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  cms = await startTempCms({ env: { ...editorialUsers, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: FROM } });
});

afterAll(async () => {
  await cms?.stop();
  if (cms) rmSync(cms.dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('password reset ("Quên mật khẩu")', () => {
  it('mails the officer a Vietnamese reset link, which sets a new password once', async () => {
    expect((await post('/admin/forgot-password', { email: AUTHOR.email })).status).toBe(204);
    const mail = await mailTo(AUTHOR.email);
    expect(mail.subject).toBe('Đặt lại mật khẩu trang quản trị cổng thông tin phường');
    expect(mail.from?.text).toContain('khong-tra-loi@loaphuong.local');
    expect(mail.text).toContain('Kính gửi Công chức Văn hóa - Xã hội');
    const link = /(http\S+\/admin\/auth\/reset-password\?code=(\w+))/.exec(mail.text ?? '');
    expect(link, mail.text).not.toBeNull();
    expect(new URL(link![1]).origin).toBe(new URL(cms.url).origin);
    expect(mail.html).toContain(`href="${link![1]}"`);

    // What the reset page sends with the code from the link.
    const reset = await post('/admin/reset-password', { resetPasswordToken: link![2], password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    await expect(AdminApi.login(cms.url, AUTHOR.email, AUTHOR.password)).rejects.toThrow(/400/);
    const signedIn = await AdminApi.login(cms.url, AUTHOR.email, NEW_PASSWORD);
    expect((await signedIn.request('GET', '/admin/users/me')).body.data.email).toBe(AUTHOR.email);
    // The link works once.
    expect((await post('/admin/reset-password', { resetPasswordToken: link![2], password: 'MotLanNua-2026-an-toan' })).status).toBe(400);
  });

  it('answers the same for an address with no account, and sends nothing', async () => {
    const before = received.length;
    expect((await post('/admin/forgot-password', { email: 'khong-co@loaphuong.local' })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(received.length).toBe(before);
  });
});
