// The CMS's admin API, as the admin panel uses it: officers' actions in tests go through the
// same routes, permissions and validation as clicks in the content manager.

export class AdminApi {
  private readonly base: string;
  private readonly jwt: string;

  private constructor(base: string, jwt: string) {
    this.base = base;
    this.jwt = jwt;
  }

  static async login(base: string, email: string, password: string): Promise<AdminApi> {
    const response = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { data: { token: string } };
    return new AdminApi(base, body.data.token);
  }

  /** Files sent to the media library's upload route as the admin's upload dialog sends them. */
  async upload(files: Array<{ name: string; type: string; bytes: Uint8Array | string }>, path = '/upload'): Promise<{ status: number; body: any }> {
    const form = new FormData();
    for (const file of files) {
      const bytes = typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes);
      form.append('files', new Blob([bytes], { type: file.type }), file.name);
    }
    const response = await fetch(`${this.base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${this.jwt}` }, body: form });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** A request whose answer is read as it comes (a file, its headers), with this login. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${this.jwt}` } });
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.jwt}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  private articles = '/content-manager/collection-types/api::article.article';

  createArticle(data: Record<string, unknown>) {
    return this.request('POST', this.articles, data);
  }

  updateArticle(documentId: string, data: Record<string, unknown>) {
    return this.request('PUT', `${this.articles}/${documentId}`, data);
  }

  publishArticle(documentId: string, data: Record<string, unknown> = {}) {
    return this.request('POST', `${this.articles}/${documentId}/actions/publish`, data);
  }

  deleteArticle(documentId: string) {
    return this.request('DELETE', `${this.articles}/${documentId}`);
  }

  unpublishArticle(documentId: string) {
    return this.request('POST', `${this.articles}/${documentId}/actions/unpublish`, {});
  }

  getArticle(documentId: string) {
    return this.request('GET', `${this.articles}/${documentId}`);
  }
}

/** GET on the public REST API with the site's read-only token (or none). */
export async function contentApi(base: string, path: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/api/${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}
