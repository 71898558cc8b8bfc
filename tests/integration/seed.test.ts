// Seeding on SQLite and on a real PostgreSQL server: the demo content arrives whole, and starting
// again duplicates nothing, keeps the site token and respects what editors deleted.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi, contentApi } from '../lib/admin-api.ts';
import { postgresAvailable, startPostgres, type PostgresServer } from '../lib/postgres.ts';
import { ADMIN, startTempCms } from '../lib/temp-cms.ts';

async function counts(url: string, token: string) {
  const total = async (path: string) => (await contentApi(url, `${path}?pagination[pageSize]=1`, token)).body.meta.pagination.total as number;
  return {
    articles: await total('articles'),
    contentAreas: await total('content-areas'),
    channels: await total('channels'),
    officers: await total('responsible-officers'),
    plans: await total('plans'),
  };
}

const expected = { articles: 25, contentAreas: 11, channels: 7, officers: 5, plans: 1 };

function seedScenario(database: () => Record<string, string> | undefined) {
  it('seeds the plan and demo content once, and a restart duplicates nothing', async () => {
    const first = await startTempCms({ database: database() });
    let second: Awaited<ReturnType<typeof startTempCms>> | undefined;
    try {
      expect(first.setup.seed?.created).toMatchObject({ plan: 1, contentArea: 11, channel: 7, officer: 5, article: 25, draftArticle: 1, activity: 9 });
      expect(await counts(first.url, first.setup.siteToken)).toEqual(expected);
      // The build pages through published articles in id order (cms/src/published-order-index.ts
      // gives the database an index for it): each exactly once, in order.
      const ids: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const { body } = await contentApi(
          first.url,
          `articles?fields[0]=title&status=published&sort=id:asc&pagination[page]=${page}&pagination[pageSize]=10`,
          first.setup.siteToken,
        );
        ids.push(...body.data.map((article: { id: number }) => article.id));
      }
      expect(ids).toHaveLength(expected.articles);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);

      // An editor removes a demo article; it must not come back on the next start.
      const admin = await AdminApi.login(first.url, ADMIN.email, ADMIN.password);
      const victim = (await contentApi(first.url, 'articles?pagination[pageSize]=1&sort=id:asc', first.setup.siteToken)).body.data[0];
      expect((await admin.deleteArticle(victim.documentId)).status).toBe(200);
      await first.stop();

      second = await startTempCms({ dir: first.dir, secrets: first.secrets, database: database(), siteToken: first.setup.siteToken });
      expect(second.setup.seed?.skipped).toBe(true);
      expect(second.setup.siteToken).toBe(first.setup.siteToken);
      expect(await counts(second.url, second.setup.siteToken)).toEqual({ ...expected, articles: expected.articles - 1 });
    } finally {
      await first.stop();
      await second?.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
}

describe('seeding on SQLite', () => {
  seedScenario(() => undefined);
});

describe('seeding on PostgreSQL', () => {
  let server: PostgresServer | undefined;
  const available = postgresAvailable();
  if (!available) {
    if (process.env.CI) throw new Error('CI must provide PostgreSQL (.ci/run installs it)');
    console.warn(
      '\n!!! PostgreSQL is not installed: the PostgreSQL seeding test is SKIPPED on this machine. Run `apt-get install postgresql` to include it. !!!\n',
    );
  }
  beforeAll(async () => {
    if (!available) return;
    server = await startPostgres();
    server.createDatabase('loa_seed');
  });
  afterAll(() => server?.stop());

  if (available) seedScenario(() => server!.env('loa_seed'));
});
