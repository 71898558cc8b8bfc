// The one module that talks to Strapi's REST API. It checks every answer and names the URL when
// something goes wrong, so a failed build says where to look.
import qs from 'qs';
import { cmsToken, cmsUrl } from './env.ts';

/** Requests to the CMS in flight at once while paging through a collection. */
const FETCH_CONCURRENCY = 4;

/**
 * Entries per request when reading whole entries. Strapi's cost is mostly per request (one query
 * per populated relation): 10,000 articles took 4.5 s at 100 per request, 2.3 s at 500.
 */
export const PAGE_SIZE = 500;
/** Entries per request when listing only ids and update times (cms/config/api.ts allows 1000). */
export const LISTING_PAGE_SIZE = 1000;

export class CmsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CmsError';
  }
}

function headers(): Record<string, string> {
  if (!cmsToken) {
    throw new CmsError('CMS_TOKEN is not set: run `npm start` once, or set CMS_TOKEN to the read-only token of the CMS.');
  }
  return { Authorization: `Bearer ${cmsToken}`, Accept: 'application/json' };
}

export function apiUrl(path: string, query: object = {}): string {
  const search = qs.stringify(query, { encodeValuesOnly: true });
  return `${cmsUrl}/api/${path}${search ? `?${search}` : ''}`;
}

/** Absolute URL of a file the CMS serves (uploads are stored with site-relative URLs). */
export function mediaUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${cmsUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

export async function fetchJson<T = unknown>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: headers() });
  } catch (cause) {
    throw new CmsError(`Cannot reach the CMS at ${url}: ${(cause as Error).cause ?? (cause as Error).message}`, { cause });
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new CmsError(`The CMS answered ${response.status} ${response.statusText} for ${url}: ${detail.slice(0, 300)}`);
  }
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new CmsError(`The CMS sent something that is not JSON for ${url}`, { cause });
  }
}

interface CollectionPage {
  data: unknown[];
  meta?: { pagination?: { page: number; pageCount: number; total: number } };
}

/**
 * Every published document of a collection. Pages explicitly with a stable sort, bounded by the
 * page count of the first answer, and checks the total: a loader that assumed a single page
 * would silently drop entries past the first hundred.
 */
export async function fetchCollection(
  path: string,
  query: Record<string, unknown>,
  pageSize = PAGE_SIZE,
  /** Called with each page's items as they arrive, while other pages are still being fetched. */
  onPage?: (items: unknown[]) => Promise<void>,
): Promise<unknown[]> {
  const pageUrl = (page: number) => apiUrl(path, { ...query, status: 'published', sort: ['id:asc'], pagination: { page, pageSize, withCount: true } });
  const fetchPage = async (page: number) => {
    const url = pageUrl(page);
    const body = await fetchJson<CollectionPage>(url);
    if (!Array.isArray(body.data) || !body.meta?.pagination) {
      throw new CmsError(`The CMS answer for ${url} has no data array or no pagination`);
    }
    await onPage?.(body.data);
    return { data: body.data, pagination: body.meta.pagination };
  };
  const first = await fetchPage(1);
  const { pageCount, total } = first.pagination;
  // The other pages a few at a time: thousands of articles are dozens of requests, and the CMS
  // answers several at once faster than one after another. Each lane asks for its next page as
  // soon as it has handed the last one over, so the CMS works on some pages while this process
  // validates others; after a failure no lane starts another page, and the first error is
  // thrown once every lane has stopped (no page is handed over after the caller has given up).
  const pages: unknown[][] = [first.data];
  let next = 2;
  let failed = false;
  const lane = async () => {
    while (!failed && next <= pageCount) {
      const page = next++;
      try {
        pages[page - 1] = (await fetchPage(page)).data;
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(FETCH_CONCURRENCY, pageCount - 1) }, lane));
  const failure = lanes.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (const item of pages.flat()) {
    const id = (item as { documentId?: string }).documentId ?? JSON.stringify(item);
    if (!seen.has(id)) {
      seen.add(id);
      items.push(item);
    }
  }
  if (items.length !== total) {
    // Entries published or removed while paging shift the pages; the next build sees them.
    console.warn(`[cms] ${path}: expected ${total} entries, read ${items.length} (content changed during the build)`);
  }
  return items;
}

export async function fetchSingle(path: string, query: Record<string, unknown>): Promise<unknown> {
  const url = apiUrl(path, { ...query, status: 'published' });
  const body = await fetchJson<{ data: unknown }>(url);
  if (!body.data) throw new CmsError(`The CMS has no content at ${url}: fill in "Thông tin phường" in the admin.`);
  return body.data;
}
