// The publish pipeline: what editors do in the CMS reaches the served portal by itself.
//
// - Webhooks from the CMS are nudges, never data: the builder re-reads the CMS on every build.
//   Strapi sends each webhook once, doubles some (a delete fires twice, a publish from the content
//   manager fires update then publish), so nudges are debounced: a burst gives one build.
// - One build at a time; a nudge during a build queues exactly one more.
// - Each build goes into a fresh folder; only a successful build is switched in, by replacing a
//   symlink atomically, so readers never see a half-built site and a failed build leaves the last
//   good one served. The next nudge or reconcile tries again.
// - A periodic reconcile compares a fingerprint of the published content with the last build's
//   and rebuilds if they differ, catching anything a lost webhook missed.
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { precompress } from '../lib/precompress.ts';
import { buildSite, warmAstro, type SyncReport, type WarmAstro } from '../lib/site.ts';

export interface BuilderOptions {
  cmsUrl: string;
  /** The site's read-only token, or a function that reads it before each build (it may be renewed). */
  cmsToken: string | (() => string);
  siteUrl: string;
  /** Folder holding one sub-folder per build. */
  buildsDir: string;
  /** Symlink to the build being served (its client/ folder holds the static site); switched to each new good build. */
  currentLink: string;
  /** Astro's cache, kept between builds so unchanged work is reused. */
  cacheDir: string;
  /** Quiet time after the last nudge before a build starts. */
  debounceMs?: number;
  /** How often to compare the CMS with the last build. */
  reconcileMs?: number;
  log?: (message: string) => void;
  /** Called after a new build is switched in, with its folder. */
  onSwitch?: (buildDir: string) => void | Promise<void>;
  /** Write a .gz beside each text file, for a web server that serves them as they are (nginx's gzip_static). */
  precompress?: boolean;
  /** Where the portal's state (see PortalStatus) is kept across restarts. */
  statusFile?: string;
}

/**
 * The portal's state, for editors (the admin's home page) and monitoring (the builder's /health).
 * Times are ISO strings. `lastFailure` is set only while no build has succeeded since it.
 */
export interface PortalStatus {
  state: 'ok' | 'building' | 'failed' | 'unknown';
  building: { since: string; reasons: string[] } | null;
  lastSuccess: { id: string; startedAt: string; finishedAt: string; seconds: number } | null;
  lastFailure: { startedAt: string; finishedAt: string; reason: string; detail: string } | null;
}

/**
 * Why a build failed, in Vietnamese for the editors who published. The technical message stays
 * in the log and beside it, in English.
 */
export function describeBuildFailure(message: string): string {
  if (/ENOSPC/.test(message)) return 'Máy chủ đã hết dung lượng ổ đĩa, không ghi được trang mới. Cán bộ CNTT cần giải phóng ổ đĩa.';
  if (/ENOMEM|heap out of memory|exited with null|SIGKILL/.test(message))
    return 'Máy chủ thiếu bộ nhớ khi dựng trang. Cán bộ CNTT cần kiểm tra bộ nhớ của máy chủ.';
  if (/\b(401|403)\b/.test(message)) {
    return 'CMS từ chối mã truy cập của trình dựng trang (mã truy cập API "Xây dựng cổng thông tin (chỉ đọc)" đã bị xóa hoặc thu hồi). Khởi động lại CMS để tạo lại mã.';
  }
  if (/site-setting.*\b404\b|\b404\b.*site-setting|Site settings are missing|has no content at .*site-setting/.test(message)) {
    return 'Chưa có mục "Thông tin phường" (tên phường, địa chỉ, đường dây nóng). Quản trị viên nhập và lưu mục này trong trang quản trị; cổng thông tin sẽ tự dựng lại.';
  }
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|fetch failed|socket hang up/.test(message)) {
    return 'Không kết nối được tới CMS để đọc nội dung (CMS đang dừng hoặc khởi động lại). Trình dựng trang sẽ tự thử lại.';
  }
  return 'Dựng cổng thông tin không thành công. Chi tiết kỹ thuật ở dưới và trong nhật ký của trình dựng trang.';
}

export interface BuildRecord {
  id: string;
  ok: boolean;
  reasons: string[];
  startedAt: Date;
  seconds: number;
  error?: string;
  /** What the incremental loaders fetched. */
  sync?: SyncReport[];
}

const COLLECTIONS = ['articles', 'content-areas', 'channels', 'responsible-officers', 'plans'];

export class Builder {
  readonly history: BuildRecord[] = [];
  private building: Promise<void> | null = null;
  private queued: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private lastFingerprint: string | null = null;
  /** Astro loaded and waiting for the next build (see warmAstro), started after each build. */
  private warm: WarmAstro | null = null;
  private stopped = false;
  private readonly options: Required<BuilderOptions>;

  private status: PortalStatus = { state: 'unknown', building: null, lastSuccess: null, lastFailure: null };

  constructor(options: BuilderOptions) {
    this.options = {
      debounceMs: 1500,
      reconcileMs: 5 * 60 * 1000,
      log: (m) => console.log(`[builder] ${m}`),
      onSwitch: () => {},
      precompress: false,
      statusFile: '',
      ...options,
    };
    mkdirSync(this.options.buildsDir, { recursive: true });
    if (this.options.statusFile && existsSync(this.options.statusFile)) {
      try {
        const saved = JSON.parse(readFileSync(this.options.statusFile, 'utf8')) as PortalStatus;
        // A build that was running when the builder stopped is not running now.
        this.status = { ...saved, building: null, state: saved.lastFailure ? 'failed' : saved.lastSuccess ? 'ok' : 'unknown' };
      } catch {
        // An unreadable state file is replaced after the next build.
      }
    }
  }

  /** The portal's state now. */
  portalStatus(): PortalStatus {
    return structuredClone(this.status);
  }

  private token(): string {
    return typeof this.options.cmsToken === 'function' ? this.options.cmsToken() : this.options.cmsToken;
  }

  private saveStatus(): void {
    if (!this.options.statusFile) return;
    const temporary = `${this.options.statusFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.status, null, 2));
    renameSync(temporary, this.options.statusFile);
  }

  /** The build currently served, if any. */
  get currentBuild(): string | null {
    return existsSync(this.options.currentLink) ? basename(readlinkSync(this.options.currentLink)) : null;
  }

  /** Something may have changed: build after a quiet period. */
  nudge(reason: string): void {
    this.queued.push(reason);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.options.debounceMs);
  }

  /** Builds now (after any running build) and resolves when the portal is up to date. */
  async buildNow(reason: string): Promise<BuildRecord> {
    this.queued.push(reason);
    await this.drain();
    return this.history[this.history.length - 1];
  }

  /** Resolves when no build is pending or running. */
  async idle(): Promise<void> {
    while (this.timer || this.building) {
      if (this.building) await this.building;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  startReconciling(): void {
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.options.reconcileMs);
    this.reconcileTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.warm?.child.kill();
    this.warm = null;
  }

  /** Rebuilds when the CMS's published content differs from what the last build saw. */
  async reconcile(): Promise<boolean> {
    try {
      const fingerprint = await this.fingerprint();
      if (fingerprint === this.lastFingerprint) return false;
      this.nudge('reconcile: content changed without a webhook');
      return true;
    } catch (error) {
      this.options.log(`reconcile could not read the CMS: ${(error as Error).message}`);
      return false;
    }
  }

  private async drain(): Promise<void> {
    // Single flight: the loop picks up nudges that arrived during a build.
    if (this.building) return this.building;
    this.building = (async () => {
      while (this.queued.length) {
        const reasons = this.queued.splice(0);
        await this.buildOnce(reasons);
      }
    })();
    try {
      await this.building;
    } finally {
      this.building = null;
    }
  }

  private async buildOnce(reasons: string[]): Promise<void> {
    const startedAt = new Date();
    const id = startedAt.toISOString().replace(/[:.]/g, '-');
    const outDir = join(this.options.buildsDir, id);
    // Astro builds into the same staging path every time, then the folder is renamed: output
    // paths are part of what Astro hashes to decide whether a page can be reused, so a fresh
    // path per build would re-render every page.
    const staging = join(this.options.buildsDir, 'staging');
    const record: BuildRecord = { id, ok: false, reasons, startedAt, seconds: 0 };
    this.status = { ...this.status, state: 'building', building: { since: startedAt.toISOString(), reasons } };
    this.saveStatus();
    let warm: WarmAstro | undefined;
    try {
      // Read before building: content that changes during the build differs from this
      // fingerprint, so the next reconcile builds again.
      const fingerprint = await this.fingerprint();
      rmSync(staging, { recursive: true, force: true });
      // The first build starts its worker now; later ones find one waiting. In a worker, a failed
      // build reports its message, which the portal status needs.
      warm = this.warm ?? warmAstro();
      this.warm = null;
      record.sync = await buildSite({
        cmsUrl: this.options.cmsUrl,
        cmsToken: this.token(),
        siteUrl: this.options.siteUrl,
        outDir: staging,
        cacheDir: this.options.cacheDir,
        warm,
      });
      if (this.options.precompress) {
        const served = this.currentBuild;
        await precompress(join(staging, 'client'), served ? join(this.options.buildsDir, served, 'client') : undefined);
      }
      renameSync(staging, outDir);
      this.switchTo(outDir);
      this.lastFingerprint = fingerprint;
      record.ok = true;
      await this.options.onSwitch(outDir);
      await this.prune();
    } catch (error) {
      record.error = (error as Error).message;
      // A worker the build failed before using waits for nothing now.
      warm?.child.kill();
      rmSync(staging, { recursive: true, force: true });
      this.options.log(`BUILD FAILED (${reasons.join(', ')}): ${record.error}. Still serving ${this.currentBuild ?? 'nothing'}.`);
    }
    record.seconds = (Date.now() - startedAt.getTime()) / 1000;
    const finishedAt = new Date().toISOString();
    this.status = record.ok
      ? { state: 'ok', building: null, lastSuccess: { id, startedAt: startedAt.toISOString(), finishedAt, seconds: record.seconds }, lastFailure: null }
      : {
          ...this.status,
          state: 'failed',
          building: null,
          lastFailure: { startedAt: startedAt.toISOString(), finishedAt, reason: describeBuildFailure(record.error ?? ''), detail: record.error ?? '' },
        };
    this.saveStatus();
    // Load Astro for the next build now, while nothing is building (unless one already waits:
    // a build that failed before starting Astro left it unused).
    if (!this.stopped && !this.warm) this.warm = warmAstro();
    const synced = (record.sync ?? []).map((s) => `${s.path}: ${s.mode}, ${s.changed} changed, ${s.removed} removed of ${s.total}`).join('; ');
    if (record.ok) this.options.log(`built ${id} in ${record.seconds.toFixed(1)} s (${reasons.join(', ')})${synced ? ` [${synced}]` : ''}`);
    this.history.push(record);
  }

  /** Points the served symlink at a new build in one rename, which is atomic on POSIX. */
  private switchTo(outDir: string): void {
    const link = this.options.currentLink;
    const temporary = join(dirname(link), `.${basename(link)}.${process.pid}.tmp`);
    rmSync(temporary, { force: true });
    symlinkSync(outDir, temporary);
    renameSync(temporary, link);
  }

  /** The finished builds, oldest first. */
  private builds(): string[] {
    return readdirSync(this.options.buildsDir)
      .filter((name) => /^\d{4}-/.test(name))
      .sort();
  }

  /**
   * Keeps the served build and the two before it: requests may still be reading the one just
   * replaced. Removing thousands of files is asynchronous: the static server often shares this
   * process, and a synchronous removal stalled its requests for seconds, just after the switch.
   */
  private async prune(): Promise<void> {
    await Promise.all(
      this.builds()
        .slice(0, -3)
        .map((old) => rm(join(this.options.buildsDir, old), { recursive: true, force: true })),
    );
  }

  /** Count and latest update of each published collection, plus the site settings. */
  private async fingerprint(): Promise<string> {
    const headers = { Authorization: `Bearer ${this.token()}` };
    const parts: string[] = [];
    for (const path of COLLECTIONS) {
      const url = `${this.options.cmsUrl}/api/${path}?fields[0]=updatedAt&sort[0]=updatedAt:desc&pagination[pageSize]=1&status=published`;
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`${response.status} for ${url}`);
      const body = (await response.json()) as { data: { updatedAt: string }[]; meta: { pagination: { total: number } } };
      parts.push(`${path}:${body.meta.pagination.total}:${body.data[0]?.updatedAt ?? ''}`);
    }
    const settings = await fetch(`${this.options.cmsUrl}/api/site-setting?fields[0]=updatedAt`, { headers });
    parts.push(`settings:${settings.ok ? ((await settings.json()) as { data: { updatedAt: string } }).data.updatedAt : settings.status}`);
    return parts.join('|');
  }
}
