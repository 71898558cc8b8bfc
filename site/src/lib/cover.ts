import type { DraftArticle } from '@loa/shared/schemas';

type Cover = NonNullable<DraftArticle['cover']>;

export type UsableCover = Cover & { image: { width: number; height: number } };

/** A cover with known dimensions: without them no responsive image can be made. */
export function usableCover(article: { cover?: DraftArticle['cover'] }): UsableCover | null {
  const cover = article.cover;
  return cover?.image.width && cover.image.height ? (cover as UsableCover) : null;
}
