import type { Core } from '@strapi/strapi';
import { PUBLICATION_LOG } from './publication-log';

// The portal's state where editors look: the admin's home page shows the last successful update
// of the public portal, a build in progress, or a failed build with its reason in Vietnamese and
// the publications waiting for it (src/admin/widgets/PortalStatus.tsx). The builder keeps the
// state (scripts/builder/builder.ts, GET /health on its private port); this adds the waiting
// publications from the publication log.

export interface PortalStatusAnswer {
  /** 'unreachable': the builder did not answer; 'not-configured': this CMS has no builder. */
  state: 'ok' | 'building' | 'failed' | 'unknown' | 'unreachable' | 'not-configured';
  building: { since: string } | null;
  lastSuccess: { finishedAt: string; startedAt: string } | null;
  lastFailure: { finishedAt: string; reason: string; detail: string } | null;
  /** Publications, withdrawals and deletions since the last successful build started, newest first. */
  waiting: Array<{ occurredAt: string; action: string; articleTitle: string; actor: string }>;
}

interface BuilderHealth {
  state: 'ok' | 'building' | 'failed' | 'unknown';
  building: { since: string } | null;
  lastSuccess: { startedAt: string; finishedAt: string } | null;
  lastFailure: { finishedAt: string; reason: string; detail: string } | null;
}

/** The builder's health address, beside the webhook it receives (BUILDER_WEBHOOK_URL). */
function healthUrl(): string | null {
  const webhook = process.env.BUILDER_WEBHOOK_URL;
  return webhook ? new URL('/health', webhook).href : null;
}

export async function portalStatus(strapi: Core.Strapi): Promise<PortalStatusAnswer> {
  const url = healthUrl();
  const empty = { building: null, lastSuccess: null, lastFailure: null, waiting: [] };
  if (!url) return { state: 'not-configured', ...empty };
  let health: BuilderHealth;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    health = (await response.json()) as BuilderHealth;
  } catch (error) {
    strapi.log.warn(`Portal status: the builder at ${url} did not answer: ${(error as Error).message}`);
    return { state: 'unreachable', ...empty };
  }
  // A build reads the CMS when it starts: what happened after the last good one started may be missing.
  const since = health.lastSuccess?.startedAt;
  const waiting =
    health.state === 'ok'
      ? []
      : ((await strapi.db.query(PUBLICATION_LOG).findMany({
          where: since ? { occurredAt: { $gt: since } } : {},
          select: ['occurredAt', 'action', 'articleTitle', 'actor'],
          orderBy: { occurredAt: 'desc' },
          limit: 20,
        })) as PortalStatusAnswer['waiting']);
  return {
    state: health.state,
    building: health.building ? { since: health.building.since } : null,
    lastSuccess: health.lastSuccess ? { startedAt: health.lastSuccess.startedAt, finishedAt: health.lastSuccess.finishedAt } : null,
    lastFailure: health.lastFailure,
    waiting,
  };
}
