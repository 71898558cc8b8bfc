import { describe, expect, it } from 'vitest';
import {
  assignIds,
  buildSearchIndex,
  excerpt,
  fragmentOf,
  indexEntry,
  search,
  shardOf,
  tokenize,
  type IndexedDocument,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
} from '../src/search.ts';

function doc(url: string, date: string, title: string, body: string, areas = ['a'], summary = ''): SearchDocument {
  return { url, title, dateLabel: date, date, areas, summary, body };
}

const docs = [
  doc('/hotline/', '2024-03-01', 'Đường dây nóng tiếp nhận phản ánh', 'Người dân gọi đường dây nóng của phường khi thủ tục bị chậm.', ['j']),
  doc('/dvc/', '2024-05-10', 'Dịch vụ công trực tuyến toàn trình', 'Nộp hồ sơ qua Cổng dịch vụ công quốc gia, cải cách thủ tục hành chính.', ['j', 'e']),
  doc('/cai/', '2023-11-20', 'Cài đặt ứng dụng VNeID', 'Hướng dẫn cài cách sử dụng ứng dụng trên điện thoại.', ['e']),
  doc('/cchc/', '2023-06-02', 'Kết quả cải cách hành chính năm 2023', 'Phường đẩy mạnh cải cách thủ tục hành chính, giảm thời gian giải quyết hồ sơ.', ['a']),
];

/** An index built as a first build would, with the articles it holds by id. */
function indexOf(documents: SearchDocument[]): SearchIndex & { byId: Map<number, IndexedDocument> } {
  const { documents: indexed, idLimit } = assignIds(documents, new Map(), 0);
  return {
    ...buildSearchIndex(
      indexed.map((doc) => ({ ...indexEntry(doc), id: doc.id })),
      idLimit,
    ),
    byId: new Map(indexed.map((doc) => [doc.id, doc])),
  };
}

/** Runs a search against an index held in memory, through the same loader contract as the page. */
async function find(index: ReturnType<typeof indexOf>, query: string, filters: SearchFilters = {}) {
  const loaded: string[] = [];
  const results = await search(query, filters, index.meta, async <T>(path: string) => {
    loaded.push(path);
    const shard = /^s\/(\d+)\.json$/.exec(path);
    if (!shard || !index.shards.has(Number(shard[1]))) throw new Error(`404 ${path}`);
    return index.shards.get(Number(shard[1])) as T;
  });
  return { urls: results.ids.map((id) => index.byId.get(id)!.url), terms: results.terms, loaded };
}

/** indexEntry's terms, counted the plain way: a Map over tokenize's words. */
function countedByTokenize(doc: SearchDocument): string {
  const counts = new Map<string, number>();
  for (const [text, weight] of [
    [doc.title, 4],
    [doc.summary, 2],
    [doc.body, 1],
  ] as const) {
    for (const token of tokenize(text)) counts.set(token.text, (counts.get(token.text) ?? 0) + weight);
  }
  return [...counts].map(([spelling, weight]) => `${spelling} ${Math.min(weight, 255)}`).join(' ');
}

describe('tokenize', () => {
  it('splits syllables, lower-cases them and folds marks and đ', () => {
    expect(tokenize('Đường dây NÓNG 24/7').map((t) => [t.text, t.folded])).toEqual([
      ['đường', 'duong'],
      ['dây', 'day'],
      ['nóng', 'nong'],
      ['24', '24'],
      ['7', '7'],
    ]);
  });

  it('counts for the index exactly the words a query gets (tokenize), weighted by where they stand', () => {
    const text = `${'Ông Đỗ Văn Ánh—phó chủ tịch (UBND) ª 25m² 😀xin chào😀 Thủ tục'.normalize('NFD')} İstanbul × ÷ 𝒜bc`;
    const doc = {
      url: '/a/',
      title: 'THỦ TỤC một cửa',
      dateLabel: '',
      date: '2024-01-01',
      areas: [],
      summary: text,
      body: `${text} thủ ${'tục '.repeat(300)}`,
    };
    expect(indexEntry(doc).terms).toBe(countedByTokenize(doc));
  });

  it('keeps apart thousands of spellings, even two with the same hash', () => {
    // Two words whose FNV-1a hashes (the index looks words up by them) are equal: found by trying.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const word = `x${i.toString(36)}`;
      const hash = shardOf(word, 2 ** 32);
      if (seen.has(hash)) pair = [seen.get(hash)!, word];
      else seen.set(hash, word);
    }
    const many = Array.from({ length: 30_000 }, (_, i) => `t${i}`).join(' ');
    const doc = { url: '/a/', title: pair.join(' '), dateLabel: '', date: '2024-01-01', areas: [], summary: pair[1], body: `${many} ${many}` };
    const terms = indexEntry(doc).terms;
    expect(terms).toBe(countedByTokenize(doc));
    expect(terms.startsWith(`${pair[0]} 4 ${pair[1]} 6 t0 2 t1 2 `)).toBe(true);
  });

  it('treats decomposed (NFD) input like composed text', () => {
    expect(tokenize('Thủ tục'.normalize('NFD')).map((t) => t.text)).toEqual(['thủ', 'tục']);
  });
});

describe('search', () => {
  const index = indexOf(docs);

  it('finds text with diacritics from a query typed without them, đ folded to d', async () => {
    expect((await find(index, 'duong day nong')).urls).toEqual(['/hotline/']);
    expect((await find(index, 'dich vu cong truc tuyen')).urls).toEqual(['/dvc/']);
  });

  it('requires every word of the query', async () => {
    expect((await find(index, 'thu tuc')).urls.sort()).toEqual(['/cchc/', '/dvc/', '/hotline/']);
    expect((await find(index, 'thu tuc xylophone')).urls).toEqual([]);
    expect((await find(index, 'xylophone')).urls).toEqual([]);
    expect((await find(index, '  ?! ')).urls).toEqual([]);
  });

  it('ranks exact diacritics above folded matches', async () => {
    // "cài cách" (install-how) and "cải cách" (reform) fold alike.
    const folded = await find(index, 'cai cach');
    expect(folded.urls.sort()).toEqual(['/cai/', '/cchc/', '/dvc/']);
    const exact = await find(index, 'cài cách');
    expect(exact.urls[0]).toBe('/cai/');
    const reform = await find(index, 'cải cách');
    expect(reform.urls.at(-1)).toBe('/cai/');
  });

  it('ranks a title match above a body match', async () => {
    // "hồ sơ" is in the bodies of /dvc/ and /cchc/; "kết quả" only in the title of /cchc/.
    expect((await find(index, 'ho so ket qua')).urls).toEqual(['/cchc/']);
    const both = await find(index, 'hanh chinh');
    expect(both.urls[0]).toBe('/cchc/');
  });

  it('filters by content area and by year', async () => {
    expect((await find(index, 'thu tuc', { area: 'j' })).urls.sort()).toEqual(['/dvc/', '/hotline/']);
    expect((await find(index, 'thu tuc', { year: 2023 })).urls).toEqual(['/cchc/']);
    expect((await find(index, 'thu tuc', { year: 2024, area: 'a' })).urls).toEqual([]);
    expect((await find(index, 'thu tuc', { year: 1999 })).urls).toEqual([]);
    expect((await find(index, 'thu tuc', { area: 'khong-co' })).urls).toEqual([]);
  });

  it('loads one shard per distinct word, never the whole index', async () => {
    const big = indexOf(
      Array.from({ length: 400 }, (_, i) =>
        doc(`/b${i}/`, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, `Bài số ${i}`, `Nội dung thứ ${i} về từ${i} và chữ${i * 7}`),
      ),
    );
    expect(big.meta.shardCount).toBeGreaterThan(1);
    const { urls, loaded } = await find(big, 'noi dung tu17');
    expect(urls).toEqual(['/b17/']);
    expect(loaded.length).toBeLessThanOrEqual(3);
  });

  it('writes every shard, and fails rather than finds nothing when one cannot be loaded', async () => {
    expect([...index.shards.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: index.meta.shardCount }, (_, i) => i));
    const gone = () => Promise.reject(new Error('404: the index folder of an older build'));
    await expect(search('duong day nong', {}, index.meta, gone)).rejects.toThrow('404');
  });

  it("keeps an article's id across builds and never reuses a removed one", () => {
    const first = assignIds(docs, new Map(), 0);
    // Oldest first: ids grow with publication.
    expect([...first.documents].sort((a, b) => a.id - b.id).map((d) => d.url)).toEqual(['/cchc/', '/cai/', '/hotline/', '/dvc/']);
    const previous = new Map(first.documents.map((d) => [d.url, d.id]));
    previous.delete('/cai/');
    const later = assignIds([...docs.filter((d) => d.url !== '/cai/'), doc('/moi/', '2024-06-01', 'Tin mới', 'x')], previous, first.idLimit);
    const ids = new Map(later.documents.map((d) => [d.url, d.id]));
    for (const d of first.documents.filter((d) => d.url !== '/cai/')) expect(ids.get(d.url)).toBe(d.id);
    expect(ids.get('/moi/')).toBe(4);
    expect(later.idLimit).toBe(5);
    expect(fragmentOf(docs[0])).toMatchObject({ url: '/hotline/', title: docs[0].title });
  });

  it('lists newer articles first when they match equally', async () => {
    const same = indexOf([doc('/old/', '2022-01-01', 'Họp dân', 'x'), doc('/new/', '2024-01-01', 'Họp dân', 'x')]);
    expect((await find(same, 'hop dan')).urls).toEqual(['/new/', '/old/']);
  });

  it('stores each spelling with its weight, and refuses an entry with a word lacking one', () => {
    const entry = { url: '/a/', date: '2024-01-01', areas: ['a'], id: 0 };
    const { shards, meta } = buildSearchIndex([{ ...entry, terms: 'cải 12 cách 255 2024 1' }], 1);
    const postings = Object.assign({}, ...shards.values()) as Record<string, Record<string, number[]>>;
    expect(postings.cai).toEqual({ cải: [0, 12] });
    expect(postings.cach).toEqual({ cách: [0, 255] });
    expect(postings['2024']).toEqual({ 2024: [0, 1] });
    expect(meta.count).toBe(1);
    // A damaged cache of entries must fail the build, not stall it.
    expect(() => buildSearchIndex([{ ...entry, terms: 'cải 12 cách' }], 1)).toThrow('/a/');
  });
});

describe('excerpt', () => {
  it('shows the words around the matches, marked, as plain text', () => {
    const text = `${'Mở đầu dài dòng. '.repeat(20)}Người dân gọi đường dây nóng 1022 khi cần. ${'Kết thúc. '.repeat(20)}`;
    const parts = excerpt(text, ['duong', 'day', 'nong']);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['đường', 'dây', 'nóng']);
    const joined = parts.map((p) => p.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(joined).toContain('gọi đường dây nóng 1022');
  });

  it('keeps markup-like text as text', () => {
    const parts = excerpt('Lưu ý: dịch vụ <script>alert(1)</script> & "trực tuyến"', ['dich']);
    expect(parts.map((p) => p.text).join('')).toBe('Lưu ý: dịch vụ <script>alert(1)</script> & "trực tuyến"');
    expect(parts.find((p) => p.match)?.text).toBe('dịch');
  });
});
