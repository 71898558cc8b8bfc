// Reading the built portal as files, the way a static host would serve them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';

export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

/** The file a static host serves for a URL path, or null when it would answer 404. */
export function resolveUrlPath(distDir: string, urlPath: string): string | null {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  if (clean.includes('..')) return null;
  const candidates = clean.endsWith('/') ? [join(distDir, clean, 'index.html')] : [join(distDir, clean), join(distDir, clean, 'index.html')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

export function loadPage(distDir: string, urlPath: string): CheerioAPI {
  const file = resolveUrlPath(distDir, urlPath);
  if (!file) throw new Error(`no built page for ${urlPath}`);
  return load(readFileSync(file, 'utf8'));
}

export function urlPathOf(distDir: string, file: string): string {
  const rel = `/${relative(distDir, file)}`;
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

/** Article slugs linked from the article cards of a listing page. */
export function listedArticleSlugs($: CheerioAPI): string[] {
  return $('.card-list .card h2 a, .card-list .card h3 a')
    .map((_, el) => /^\/tin-tuc\/([^/]+)\/$/.exec($(el).attr('href') ?? '')?.[1])
    .get()
    .filter(Boolean) as string[];
}

/** Every page of a paginated listing, following its "next" links. */
export function listingPages(distDir: string, firstPage: string): CheerioAPI[] {
  const pages: CheerioAPI[] = [];
  let path: string | undefined = firstPage;
  while (path && pages.length < 1000) {
    const $ = loadPage(distDir, path);
    pages.push($);
    path = $('.pagination a[rel="next"]').attr('href');
  }
  return pages;
}
