// The CMS nudges the site builder through a Strapi webhook. Strapi tries each webhook once and
// never retries, so the builder treats it as a nudge and also reconciles on its own.
import type { Strapi } from './strapi-types.ts';

export interface WebhookOptions {
  url: string;
  /** Sent in the X-Loa-Secret header; the builder ignores calls without it. */
  secret: string;
}

const NAME = 'Xây dựng lại cổng thông tin';
const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish', 'media.update', 'media.delete'];

export async function ensureWebhook(strapi: Strapi, { url, secret }: WebhookOptions): Promise<void> {
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const existing = (await store.findWebhooks()).find((webhook: { name: string }) => webhook.name === NAME);
  const attributes = { name: NAME, url, headers: { 'X-Loa-Secret': secret }, events: EVENTS, isEnabled: true };
  if (existing) {
    const updated = await store.updateWebhook(existing.id, attributes);
    runner.update(updated);
  } else {
    // Registering with the runner makes it fire now, not only after a restart.
    runner.add(await store.createWebhook(attributes));
  }
}
