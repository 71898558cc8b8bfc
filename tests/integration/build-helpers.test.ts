// The build's helpers: the search index's page reader (site/integrations/search-pages.ts) and
// shard writer (search-shards.ts), and the article body writer (site/src/lib/body-writer.ts),
// which renders bodies while the CMS is still being paged.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '@loa/shared/markdown';
import { BodyWriter } from '../../site/src/lib/body-writer.ts';
import { readPages } from '../../site/integrations/search-pages.ts';
import { writeShards } from '../../site/integrations/search-shards.ts';

const work = mkdtempSync(join(tmpdir(), 'loa-build-helpers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function articlePage(n: number): string {
  return `<!doctype html><html><body><article data-search-date="2024-03-${String((n % 28) + 1).padStart(2, '0')}" data-search-areas="cai-cach-the-che">
<h1 data-search="title">Thông báo số ${n} về thủ tục hành chính</h1><p data-search="date">Ngày ${(n % 28) + 1} tháng 3 năm 2024</p>
<p data-search="summary">Người dân nộp hồ sơ trực tuyến &amp; nhận kết quả tại nhà, lần ${n}.</p>
<!--search-body--><p>Bộ phận một cửa phường tiếp nhận hồ sơ số ${n} vào giờ hành chính.</p><!--/search-body--></article></body></html>`;
}

describe('search index page reader', () => {
  const dir = join(work, 'pages');
  mkdirSync(dir);
  const pages = Array.from({ length: 2100 }, (_, n) => {
    const file = join(dir, `${n}.html`);
    writeFileSync(file, articlePage(n));
    return { url: `/tin-tuc/thong-bao-${n}/`, file };
  });

  it('reads every page, in order, with its title, summary and words', async () => {
    const read = await readPages(pages);
    expect(read).toHaveLength(2100);
    expect(read.map((page) => page.url)).toEqual(pages.map((page) => page.url));
    expect(JSON.parse(read[1234].fragment)).toMatchObject({
      url: '/tin-tuc/thong-bao-1234/',
      title: 'Thông báo số 1234 về thủ tục hành chính',
      text: 'Người dân nộp hồ sơ trực tuyến & nhận kết quả tại nhà, lần 1234.\nBộ phận một cửa phường tiếp nhận hồ sơ số 1234 vào giờ hành chính.',
    });
    expect(read[1234].entry.terms).toContain('1234');
  });

  it('fails, naming the page, when a page lacks its markers', async () => {
    const broken = join(dir, 'broken.html');
    writeFileSync(broken, '<article data-search-date="2024-01-01"><h1>Không có dấu mốc</h1></article>');
    const withBroken = [...pages, { url: '/tin-tuc/hong/', file: broken }];
    await expect(readPages(withBroken)).rejects.toThrow('/tin-tuc/hong/');
  });
});

describe('search index shard writer', () => {
  const entries = readPages(
    Array.from({ length: 1200 }, (_, n) => {
      const file = join(work, `shard-page-${n}.html`);
      writeFileSync(file, articlePage(n));
      return { url: `/tin-tuc/thong-bao-${n}/`, file };
    }),
  ).then((read) => read.map((page, id) => ({ ...page.entry, id })));
  /** Every file under a folder, by relative path, with its content. */
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const path = join(entry.parentPath, entry.name);
          return [path.slice(dir.length), readFileSync(path, 'utf8')];
        }),
    );

  it('writes the same shards for the same articles, into a folder named by them', async () => {
    const [first, second] = [join(work, 'shards-1/'), join(work, 'shards-2/')];
    mkdirSync(first);
    mkdirSync(second);
    const job = { entries: await entries, idLimit: 1200 };
    const written = await writeShards({ ...job, out: first });
    expect(await writeShards({ ...job, out: second })).toEqual(written);
    expect(written.meta.count).toBe(1200);
    expect(readdirSync(second)).toEqual([written.folder]);
    expect(readdirSync(join(second, written.folder, 's'))).toHaveLength(written.meta.shardCount);
    expect(contents(second)).toEqual(contents(first));
    // Another set of articles gets another folder: a page that loaded the old meta.json never
    // mixes old and new shards.
    const third = join(work, 'shards-3/');
    mkdirSync(third);
    expect((await writeShards({ entries: job.entries.slice(1), idLimit: 1200, out: third })).folder).not.toBe(written.folder);
  });
});

describe('article body writer', () => {
  const markdown = (n: number) => `## Thông báo ${n}\n\nBộ phận **một cửa** tiếp nhận hồ sơ số ${n}.<script>alert(${n})</script>`;

  it('renders every body handed over to safe HTML, writes each once and names those it wrote', async () => {
    const dir = join(work, 'bodies');
    mkdirSync(dir);
    writeFileSync(join(dir, 'old.html'), '<p>cũ</p>');
    const writer = new BodyWriter(dir, new Set(['old']));
    for (let page = 0; page < 5; page++) {
      writer.add(Array.from({ length: 100 }, (_, i) => ({ digest: `d${page * 100 + i}`, markdown: markdown(page * 100 + i) })));
    }
    // Seen again (an entry that moved between pages) and already on disk: neither is rewritten.
    writer.add([
      { digest: 'd7', markdown: 'khác' },
      { digest: 'old', markdown: 'mới' },
    ]);
    await writer.done();
    expect(readdirSync(dir).filter((name) => name.endsWith('.html'))).toHaveLength(501);
    expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(false);
    const body = readFileSync(join(dir, 'd499.html'), 'utf8');
    expect(body).toBe(renderMarkdown(markdown(499)));
    expect(body).toContain('<strong>một cửa</strong>');
    expect(body).not.toContain('<script');
    expect(readFileSync(join(dir, 'd7.html'), 'utf8')).toBe(renderMarkdown(markdown(7)));
    expect(readFileSync(join(dir, 'old.html'), 'utf8')).toBe('<p>cũ</p>');
    expect(writer.written()).toHaveLength(500);
    expect(writer.written()).not.toContain('old');
  });

  it('is done at once when nothing, or only bodies already on disk, were handed over', async () => {
    const writer = new BodyWriter(join(work, 'no-such-folder'), new Set(['a']));
    await writer.done();
    writer.add([]);
    writer.add([{ digest: 'a', markdown: 'a' }]);
    await writer.done();
    expect(writer.written()).toEqual([]);
  });

  it('reports a body it could not write', async () => {
    const writer = new BodyWriter(join(work, 'no-such-folder'), new Set());
    writer.add([{ digest: 'a', markdown: 'a' }]);
    await expect(writer.done()).rejects.toThrow(/ENOENT/);
  });
});
