import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStrapiSecrets, readEnvFile, updateEnvFile } from '../src/env-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'loa-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('env files', () => {
  it('reads what a person writes by hand: comments, quotes, export, = and # inside values', () => {
    const file = join(dir, 'hand.env');
    writeFileSync(
      file,
      [
        '# Cấu hình của phường',
        'export DATABASE_CLIENT=postgres',
        'SITE_URL="https://hungdao.example.vn"',
        "SMTP_PASSWORD='mật#khẩu=có dấu'",
        'APP_KEYS=a+b/c==,d==',
        'EMPTY=',
        '   SPACED = giá trị   ',
        'not a variable line',
      ].join('\n'),
    );
    expect(readEnvFile(file)).toEqual({
      DATABASE_CLIENT: 'postgres',
      SITE_URL: 'https://hungdao.example.vn',
      SMTP_PASSWORD: 'mật#khẩu=có dấu',
      APP_KEYS: 'a+b/c==,d==',
      EMPTY: '',
      SPACED: 'giá trị',
    });
  });

  it('reads back the secrets it writes, and keeps the other lines of the file', () => {
    const file = join(dir, 'generated.env');
    writeFileSync(file, '# giữ dòng này\nADMIN_EMAIL=quantri@loaphuong.local\n');
    const secrets = generateStrapiSecrets();
    updateEnvFile(file, secrets);
    updateEnvFile(file, { ADMIN_EMAIL: 'moi@loaphuong.local' });
    expect(readEnvFile(file)).toEqual({ ...secrets, ADMIN_EMAIL: 'moi@loaphuong.local' });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# giữ dòng này');
  });

  it('reads a missing file as empty', () => {
    expect(readEnvFile(join(dir, 'none.env'))).toEqual({});
  });
});
