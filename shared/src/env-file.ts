import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// Minimal dotenv reading and writing for the untracked .env files that hold generated secrets.
// Values we write are base64, hex or plain e-mail addresses: no quoting rules are needed.

export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
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
