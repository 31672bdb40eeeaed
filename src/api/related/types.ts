/** A related article as `GET /api/articles/:id/related` returns it (the page imports this too). */
export interface RelatedArticle {
  articleId: string;
  title: string;
  publishedAt: string | null;
  source: string | null;
  url: string | null;
  cluster: string;
}
