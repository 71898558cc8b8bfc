// Static full-text search for the portal's articles, shaped for Vietnamese and for cheap phones.
//
// Vietnamese writes one syllable per word, so the index is a map from syllable to the articles
// that contain it. Every syllable is filed under its folded form ("đường" → "duong"), with the
// exact spellings kept apart below it: a query typed without diacritics finds every spelling,
// and one typed with diacritics ranks exact spellings first. The map is cut into shards by a
// hash of the folded syllable, so a search downloads one small shard per word of the query and,
// for the results it shows, one small file per article. An article keeps its id from build to
// build (assignIds), so its file is rewritten only when the article changes. The build writes the
// files (buildSearchIndex); the search page reads them (search) with nothing but fetch.
import { foldDiacritics } from './vietnamese.ts';

/** One article as the index needs it, taken from its published page. */
export interface SearchDocument {
  /** Site-relative address of the article page. */
  url: string;
  title: string;
  /** Date of first publication as residents read it ("Thứ Hai, 5/3/2024"). */
  dateLabel: string;
  /** Date of first publication, YYYY-MM-DD in Vietnam time: the year filter, and new ids in order. */
  date: string;
  /** Slugs of the plan's content areas the article belongs to. */
  areas: string[];
  summary: string;
  body: string;
}

/**
 * The folder of one build's shards beside meta.json: the first 12 hex digits of their digest
 * (site/integrations/search-shards.ts names it).
 */
export const SHARD_FOLDER = /^[0-9a-f]{12}$/;

/** What the search page loads first: counts, filters and how the shards are cut. */
export interface SearchMeta {
  version: 2;
  /** Articles in the index. */
  count: number;
  /** Ids are below this; a removed article's id is not reused. */
  idLimit: number;
  shardCount: number;
  /** Year of first publication → bitset of the ids of its articles (base64). */
  years: Record<string, string>;
  /** Content-area slug → bitset of the ids of its articles (base64). */
  areas: Record<string, string>;
}

/** An article with the id it keeps in the index. */
export interface IndexedDocument extends SearchDocument {
  id: number;
}

/**
 * What the index keeps of an article once its words are counted: the builder caches this for
 * unchanged pages instead of their text, so a publish counts the words of changed articles only.
 */
export interface IndexEntry {
  url: string;
  date: string;
  areas: string[];
  /**
   * Each lower-cased spelling and its weight in this article (title words ×4, summary ×2, body
   * ×1), space-separated: "cải 6 cách 5 …". One string rather than an object, because the cache
   * of thousands of these is parsed and written on every build, and a string is several times
   * cheaper for JSON than an object with hundreds of keys. A spelling never holds a space.
   */
  terms: string;
}

/** Folded syllable → exact spelling → postings, [id delta, weight, id delta, weight, ...]. */
export type SearchShard = Record<string, Record<string, number[]>>;

/** What a result shows, one file per article. */
export interface SearchFragment {
  url: string;
  title: string;
  dateLabel: string;
  /** The summary and the body as plain text, for the excerpt. */
  text: string;
}

export interface SearchToken {
  /** The syllable in lower case, as written. */
  text: string;
  /** The same without tone and vowel marks, đ as d. */
  folded: string;
  start: number;
  end: number;
}

// Folding is the costly part of tokenizing (Unicode decomposition per word), and a language has
// few syllables: each spelling is folded once. The bound only guards against odd input.
const foldedSpellings = new Map<string, string>();

function fold(spelling: string): string {
  let folded = foldedSpellings.get(spelling);
  if (folded === undefined) {
    if (foldedSpellings.size > 200_000) foldedSpellings.clear();
    foldedSpellings.set(spelling, (folded = foldDiacritics(spelling)));
  }
  return folded;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Whether a code point belongs to a word; the Latin and Vietnamese ranges without a regex. */
function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x1e00 && code <= 0x1eff)) return true;
  return WORD_CHAR.test(String.fromCodePoint(code));
}

/** isWordCode for the code points below this, looked up: Latin and Vietnamese text lies there. */
const WORD_TABLE_SIZE = 0x2000;
const wordTable = Uint8Array.from({ length: WORD_TABLE_SIZE }, (_, code) => (isWordCode(code) ? 1 : 0));

/** FNV-1a's 32-bit offset basis and prime: the hash of shardOf, scanWords and SpellingTable. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Calls `visit` with where each word (a run of letters, marks and digits) of a text starts and
 * ends, and an FNV-1a hash of its UTF-16 units: the one definition of a word for the index and
 * the query alike, several times faster than a Unicode regex over millions of words. The index
 * looks words up by the hash (SpellingTable), without a string per word.
 */
function scanWords(text: string, visit: (start: number, end: number, hash: number) => void): void {
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= text.length; ) {
    let code = i < text.length ? text.charCodeAt(i) : -1;
    if (code >= 0xd800 && code <= 0xdbff) code = text.codePointAt(i)!;
    const word = code >= 0 && (code < WORD_TABLE_SIZE ? wordTable[code] === 1 : isWordCode(code));
    if (word) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      if (code > 0xffff) {
        hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
        hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
      } else hash = Math.imul(hash ^ code, FNV_PRIME);
    } else if (start >= 0) {
      visit(start, i, hash >>> 0);
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
}

/** Splits text into syllables, lower-cased, with their folded forms and places in the NFC text. */
export function tokenize(text: string): SearchToken[] {
  const normalized = text.normalize('NFC');
  const tokens: SearchToken[] = [];
  scanWords(normalized, (start, end) => {
    const lower = normalized.slice(start, end).toLowerCase();
    tokens.push({ text: lower, folded: fold(lower), start, end });
  });
  return tokens;
}

/** FNV-1a: a stable, cheap hash that spreads syllables evenly over the shards. */
export function shardOf(folded: string, shardCount: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) {
    hash ^= folded.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return (hash >>> 0) % shardCount;
}

/** The text kept for an article's excerpt; longer bodies are cut, the index still has every word. */
const FRAGMENT_TEXT_LIMIT = 4000;
/** Raw JSON bytes a shard should hold at most before the index is cut into more shards. */
const SHARD_TARGET_BYTES = 16 * 1024;

// A word in the title counts as much as four in the body, one in the summary as two.
const TITLE_WEIGHT = 4;
const SUMMARY_WEIGHT = 2;
const MAX_WEIGHT = 255;
const WEIGHT_TEXT = Array.from({ length: MAX_WEIGHT + 1 }, (_, weight) => String(weight));

function encodeBitset(ids: number[], count: number): string {
  const bytes = new Uint8Array(Math.ceil(count / 8));
  for (const id of ids) bytes[id >> 3] |= 1 << (id & 7);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeBitset(encoded: string): Uint8Array {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface SearchIndex {
  meta: SearchMeta;
  /** Shard number → shard, for every number below meta.shardCount. */
  shards: Map<number, SearchShard>;
}

/**
 * Gives every article an id: the one it had (by URL) if it had one, else a new one above all
 * ids ever given, oldest new article first. Ids therefore grow with publication, which is how
 * ties rank newest first, and an unchanged article keeps its file.
 */
export function assignIds<T extends { url: string; date: string }>(
  documents: T[],
  previous: Map<string, number>,
  previousLimit: number,
): { documents: (T & { id: number })[]; idLimit: number } {
  let next = Math.max(previousLimit, 0);
  for (const id of previous.values()) next = Math.max(next, id + 1);
  const fresh = documents.filter((doc) => !previous.has(doc.url)).sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
  const ids = new Map(previous);
  for (const doc of fresh) ids.set(doc.url, next++);
  return { documents: documents.map((doc) => ({ ...doc, id: ids.get(doc.url)! })), idLimit: next };
}

/** What a result shows for an article. */
export function fragmentOf(doc: SearchDocument): SearchFragment {
  return { url: doc.url, title: doc.title, dateLabel: doc.dateLabel, text: `${doc.summary}\n${doc.body}`.slice(0, FRAGMENT_TEXT_LIMIT) };
}

/**
 * Every lower-cased spelling the index has counted on this thread, each with a number: counting
 * an article's words looks each word up here by a hash of its characters, computed while
 * scanning, so that a word costs no string of its own unless it is a spelling never seen before.
 * Thousands of articles of about a thousand words each are counted on every cold build, and a
 * Map from strings, with a slice per word, took most of that time. Open addressing over
 * `slots`, which hold a spelling's number plus one (zero for free). A language has few
 * syllables; the bound only guards against odd input.
 */
class SpellingTable {
  texts: string[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(1 << 14);
  /** A weight per spelling number for the article being counted, zero between articles. */
  weights = new Int32Array(1 << 13);

  /** The number of the spelling text[start, end), whose hash is `hash`, adding it if new. */
  numberOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const number = entry - 1;
      if (this.hashes[number] === hash && sameText(this.texts[number], text, start, end)) return number;
    }
    const number = this.texts.length;
    this.texts.push(text.slice(start, end));
    this.hashes.push(hash);
    if (number >= this.weights.length) {
      const weights = new Int32Array(this.weights.length * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    if (this.texts.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(number);
    return number;
  }

  private place(number: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[number] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = number + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let number = 0; number < this.texts.length; number++) this.place(number);
  }
}

function sameText(spelling: string, text: string, start: number, end: number): boolean {
  if (spelling.length !== end - start) return false;
  for (let i = 0; i < spelling.length; i++) if (spelling.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

const MAX_SPELLINGS = 200_000;
let spellingTable = new SpellingTable();

/**
 * Adds `weight` to each lower-cased syllable of a text (the words of tokenize) in the table's
 * weights, and the number of each syllable seen for the first time in this article to `seen`, in
 * order. Lower-casing the whole text at once changes no word boundary and is faster.
 */
function countWords(text: string, weight: number, table: SpellingTable, seen: number[]): void {
  const lower = text.normalize('NFC').toLowerCase();
  scanWords(lower, (start, end, hash) => {
    const number = table.numberOf(lower, start, end, hash);
    if (table.weights[number] === 0) seen.push(number);
    table.weights[number] += weight;
  });
}

/** Counts an article's words, weighted by where they stand. */
export function indexEntry(doc: SearchDocument): IndexEntry {
  if (spellingTable.texts.length > MAX_SPELLINGS) spellingTable = new SpellingTable();
  const table = spellingTable;
  // Spelling numbers in the order of their first occurrence: the order of the terms.
  const seen: number[] = [];
  countWords(doc.title, TITLE_WEIGHT, table, seen);
  countWords(doc.summary, SUMMARY_WEIGHT, table, seen);
  countWords(doc.body, 1, table, seen);
  const terms: string[] = [];
  for (const number of seen) {
    terms.push(table.texts[number], WEIGHT_TEXT[Math.min(MAX_WEIGHT, table.weights[number])]);
    table.weights[number] = 0;
  }
  return { url: doc.url, date: doc.date, areas: doc.areas, terms: terms.join(' ') };
}

/** Builds the shards and filters from every published article's entry; ids below idLimit. */
export function buildSearchIndex(entries: (IndexEntry & { id: number })[], idLimit: number): SearchIndex {
  // Postings are appended in id order, and so delta-coded as they come.
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  // folded → exact spelling → postings
  const postings = new Map<string, Map<string, { last: number; list: number[] }>>();
  // The same postings by spelling number (SpellingTable, which finds a spelling by the hash of its
  // characters in place): one lookup per word of every article, and no string for it.
  const spellingNumbers = new SpellingTable();
  const bySpelling: { last: number; list: number[] }[] = [];
  const yearIds = new Map<string, number[]>();
  const areaIds = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, id: number) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(id);
  };
  for (const { id, url, date, areas, terms } of sorted) {
    // "spelling weight spelling weight …", read in place: splitting made two strings per word.
    for (let start = 0; start < terms.length; ) {
      let hash = FNV_OFFSET;
      let space = start;
      for (let code = terms.charCodeAt(space); space < terms.length && code !== 32; code = terms.charCodeAt(++space)) hash = Math.imul(hash ^ code, FNV_PRIME);
      // Entries come from indexEntry or from the build's cache of them: never without weights.
      if (space >= terms.length) throw new Error(`The search index entry of ${url} has a word without a weight`);
      const number = spellingNumbers.numberOf(terms, start, space, hash >>> 0);
      let weight = 0;
      let i = space + 1;
      for (let code = terms.charCodeAt(i); code >= 48 && code <= 57; code = terms.charCodeAt(++i)) weight = weight * 10 + code - 48;
      start = i + 1;
      let entry = bySpelling[number];
      if (!entry) {
        const spelling = spellingNumbers.texts[number];
        const folded = fold(spelling);
        let forms = postings.get(folded);
        if (!forms) postings.set(folded, (forms = new Map()));
        forms.set(spelling, (entry = { last: 0, list: [] }));
        bySpelling[number] = entry;
      }
      entry.list.push(id - entry.last, weight);
      entry.last = id;
    }
    add(yearIds, date.slice(0, 4), id);
    for (const area of areas) add(areaIds, area, id);
  }

  const encoded = new Map<string, Record<string, number[]>>();
  let bytes = 0;
  for (const [folded, forms] of postings) {
    const entry: Record<string, number[]> = {};
    for (const [spelling, { list }] of forms) {
      entry[spelling] = list;
      // About three characters per number once delta-coded: close enough to size the shards.
      bytes += spelling.length + 4 + list.length * 3;
    }
    encoded.set(folded, entry);
    bytes += folded.length + 4;
  }
  let shardCount = 1;
  while (bytes / shardCount > SHARD_TARGET_BYTES) shardCount *= 2;
  // Every shard is written, empty or not: a missing one then always means a stale index.
  const shards = new Map<number, SearchShard>(Array.from({ length: shardCount }, (_, number) => [number, {}]));
  for (const [folded, entry] of encoded) {
    shards.get(shardOf(folded, shardCount))![folded] = entry;
  }
  const bitsets = (map: Map<string, number[]>) => Object.fromEntries([...map].map(([key, ids]) => [key, encodeBitset(ids, idLimit)]));

  return {
    meta: { version: 2, count: sorted.length, idLimit, shardCount, years: bitsets(yearIds), areas: bitsets(areaIds) },
    shards,
  };
}

export interface SearchFilters {
  /** A content area's slug. */
  area?: string;
  year?: number;
}

export interface SearchResults {
  /** Ids of every matching article, best first. */
  ids: number[];
  /** The query's syllables, folded, for highlighting. */
  terms: string[];
}

/** Reads one shard of the index, e.g. "s/12.json". */
export type IndexLoader = <T>(path: string) => Promise<T>;

/**
 * Finds the articles that contain every syllable of the query, with or without diacritics.
 * Articles that match more of the query's syllables exactly as typed (with their marks) come
 * first; then a BM25-like score, where words in titles weigh most; then the newest.
 */
export async function search(query: string, filters: SearchFilters, meta: SearchMeta, load: IndexLoader): Promise<SearchResults> {
  const queryTokens = tokenize(query);
  const terms = [...new Set(queryTokens.map((token) => token.folded))];
  if (!terms.length || !meta.count) return { ids: [], terms };
  // The spellings typed with diacritics, per folded syllable: only those can match "exactly".
  const typed = new Map<string, Set<string>>();
  for (const token of queryTokens) {
    if (token.text === token.folded) continue;
    if (!typed.has(token.folded)) typed.set(token.folded, new Set());
    typed.get(token.folded)!.add(token.text);
  }
  const shards = new Map<number, Promise<SearchShard>>();
  const shard = (number: number) => {
    // A failed load fails the search: a stale index must not look like "nothing found".
    if (!shards.has(number)) shards.set(number, load<SearchShard>(`s/${number}.json`));
    return shards.get(number)!;
  };
  const perTerm = await Promise.all(
    terms.map(async (term) => {
      const spellings = (await shard(shardOf(term, meta.shardCount)))[term] ?? {};
      const docs = new Map<number, { weight: number; exact: boolean }>();
      for (const [spelling, list] of Object.entries(spellings)) {
        const exact = typed.get(term)?.has(spelling) ?? false;
        let id = 0;
        for (let i = 0; i < list.length; i += 2) {
          id += list[i];
          const seen = docs.get(id);
          docs.set(id, { weight: (seen?.weight ?? 0) + list[i + 1], exact: exact || (seen?.exact ?? false) });
        }
      }
      return docs;
    }),
  );
  perTerm.sort((a, b) => a.size - b.size);
  const bits = (set: Record<string, string>, key: string | undefined) => (key === undefined ? undefined : set[key] ? decodeBitset(set[key]) : new Uint8Array());
  const yearBits = bits(meta.years, filters.year === undefined ? undefined : String(filters.year));
  const areaBits = bits(meta.areas, filters.area);
  const has = (set: Uint8Array, id: number) => ((set[id >> 3] ?? 0) & (1 << (id & 7))) !== 0;

  const scored: { id: number; exact: number; score: number }[] = [];
  for (const id of perTerm[0].keys()) {
    if (yearBits && !has(yearBits, id)) continue;
    if (areaBits && !has(areaBits, id)) continue;
    let exact = 0;
    let score = 0;
    let all = true;
    for (const docs of perTerm) {
      const hit = docs.get(id);
      if (!hit) {
        all = false;
        break;
      }
      if (hit.exact) exact++;
      const idf = Math.log(1 + (meta.count - docs.size + 0.5) / (docs.size + 0.5));
      score += (idf * hit.weight * 2.2) / (hit.weight + 1.2);
    }
    if (all) scored.push({ id, exact, score });
  }
  scored.sort((a, b) => b.exact - a.exact || b.score - a.score || b.id - a.id);
  return { ids: scored.map((entry) => entry.id), terms };
}

/** A piece of an excerpt; `match` pieces are shown highlighted. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/**
 * About `words` words of the text around its densest cluster of query syllables, with the
 * matches marked. Returns plain text pieces: the page renders them as text nodes and <mark>s,
 * so nothing from the index is ever parsed as HTML.
 */
export function excerpt(raw: string, terms: string[], words = 30): ExcerptPart[] {
  const text = raw.normalize('NFC');
  const tokens = tokenize(text);
  if (!tokens.length) return [];
  const wanted = new Set(terms);
  const hits = tokens.map((token) => wanted.has(token.folded));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let end = 0; end < tokens.length; end++) {
    if (hits[end]) count++;
    if (end >= words && hits[end - words]) count--;
    const start = Math.max(0, end - words + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a few words before the first match, so it reads in context.
  const firstHit = hits.indexOf(true, best);
  const start = firstHit >= 0 ? Math.max(0, firstHit - 5) : 0;
  const end = Math.min(tokens.length, start + words);
  const parts: ExcerptPart[] = [];
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match && !match) last.text += piece;
    else parts.push({ text: piece, match });
  };
  if (start > 0) push('… ', false);
  let cursor = tokens[start].start;
  for (let i = start; i < end; i++) {
    push(text.slice(cursor, tokens[i].start).replace(/\s+/g, ' '), false);
    push(text.slice(tokens[i].start, tokens[i].end), hits[i]);
    cursor = tokens[i].end;
  }
  if (end < tokens.length) push(' …', false);
  else push(text.slice(cursor).replace(/\s+/g, ' ').trimEnd(), false);
  return parts;
}
