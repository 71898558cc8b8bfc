import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

// Reading and writing the untracked .env files that hold generated secrets. Reading is Node's own
// dotenv parser (quotes, comments, `export`); values we write are base64, hex or plain e-mail
// addresses, which need no quoting.

export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** Sets keys in an env file, keeping its other lines as they are. */
export function updateEnvFile(path: string, updates: Record<string, string>, header = ''): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : header ? [header] : [];
  const pending = new Map(Object.entries(updates));
  const next = lines.map((line) => {
    const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (key && pending.has(key)) {
      const value = pending.get(key);
      pending.delete(key);
      return `${key}=${value}`;
    }
    return line;
  });
  while (next.length && next[next.length - 1] === '') next.pop();
  for (const [key, value] of pending) next.push(`${key}=${value}`);
  writeFileSync(path, `${next.join('\n')}\n`, { mode: 0o600 });
}

export function randomSecret(bytes = 16): string {
  return randomBytes(bytes).toString('base64');
}

/** A password that satisfies Strapi's admin rules (8+ chars, upper, lower, digit). */
export function randomPassword(): string {
  return `Lp-${randomBytes(9).toString('base64url')}9a`;
}

/** The secrets Strapi needs, freshly generated. */
export function generateStrapiSecrets(): Record<string, string> {
  return {
    APP_KEYS: [randomSecret(), randomSecret(), randomSecret(), randomSecret()].join(','),
    API_TOKEN_SALT: randomSecret(),
    ADMIN_JWT_SECRET: randomSecret(),
    JWT_SECRET: randomSecret(),
    TRANSFER_TOKEN_SALT: randomSecret(),
    ENCRYPTION_KEY: randomSecret(),
  };
}
