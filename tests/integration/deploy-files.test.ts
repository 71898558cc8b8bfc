// The systemd units in deploy/systemd/ pass `systemd-analyze verify` (with the install folder
// /opt/loa-phuong replaced by this checkout, since verify checks that the programs exist), with
// no warning at all, and keep the hardening docs/van-hanh.md promises.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvFile } from '@loa/shared/env-file';
import { rootDir } from '@loa/scripts/lib/paths.ts';

const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const services = ['loa-phuong-cms.service', 'loa-phuong-builder.service'];
const units = [...services, 'loa-phuong-backup.service', 'loa-phuong-backup.timer'];
if (!existsSync(SYSTEMD_ANALYZE)) {
  if (process.env.CI) throw new Error(`CI must provide ${SYSTEMD_ANALYZE} (.ci/run installs systemd)`);
  console.warn(`\n!!! ${SYSTEMD_ANALYZE} not found: the systemd unit check is SKIPPED on this machine. !!!\n`);
}

/** One unit's [Service] settings; a key given several times keeps every value. */
function settings(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) found.set(match[1], [...(found.get(match[1]) ?? []), match[2]]);
  }
  return found;
}

describe('the systemd units', () => {
  it.skipIf(!existsSync(SYSTEMD_ANALYZE))('pass systemd-analyze verify with no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-units-'));
    try {
      for (const unit of units) {
        const text = readFileSync(join(rootDir, 'deploy', 'systemd', unit), 'utf8')
          .replaceAll('/opt/loa-phuong/.runtime/bin/node', process.execPath)
          .replaceAll('/opt/loa-phuong', rootDir);
        writeFileSync(join(dir, unit), text);
      }
      const result = spawnSync(SYSTEMD_ANALYZE, ['verify', ...units.map((unit) => join(dir, unit))], { encoding: 'utf8' });
      expect(result.stderr + result.stdout).toBe('');
      expect(result.status).toBe(0);
      // The check is real: a misspelt setting fails it.
      writeFileSync(join(dir, units[0]), `${readFileSync(join(dir, units[0]), 'utf8')}\n[Service]\nProtectSytem=strict\n`);
      const broken = spawnSync(SYSTEMD_ANALYZE, ['verify', join(dir, units[0])], { encoding: 'utf8' });
      expect(broken.stderr).toContain("Unknown key 'ProtectSytem'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run each service as its own user, read-only but for the folders it writes, restarted on failure, logging to the journal', () => {
    const template = readEnvFile(join(rootDir, 'deploy', 'loa-phuong.env.example'));
    for (const unit of services) {
      const service = settings(readFileSync(join(rootDir, 'deploy', 'systemd', unit), 'utf8'));
      const one = (key: string) => service.get(key)?.join(' ');
      expect(one('User'), unit).toBe('loa-phuong');
      expect(one('ProtectSystem'), unit).toBe('strict');
      expect(one('NoNewPrivileges'), unit).toBe('yes');
      expect(one('PrivateTmp'), unit).toBe('yes');
      expect(one('Restart'), unit).toBe('on-failure');
      expect(one('StandardOutput'), unit).toBe('journal');
      expect(one('StandardError'), unit).toBe('journal');
      expect(one('EnvironmentFile'), unit).toBe('/etc/loa-phuong/loa-phuong.env');
      const writable = (one('ReadWritePaths') ?? '').split(/\s+/);
      // The template's state folder holds the secrets, uploads, builds and the live site.
      expect(writable, unit).toContain(template.LOA_STATE_DIR);
      expect(template.SITE_DIR.startsWith(`${template.LOA_STATE_DIR}/`)).toBe(true);
      expect(one('ExecStart'), unit).toMatch(/^\/opt\/loa-phuong\/\.runtime\/bin\/node \/opt\/loa-phuong\/scripts\/production\.ts (cms|builder)$/);
    }
  });
});
