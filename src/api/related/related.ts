/**
 * Related coverage (issue 17): the articles most like one article, in the manner of
 * Elasticsearch's `more_like_this` — its distinctive terms (tf-idf, document frequencies read from
 * the article index) as a query, plus the entities it is about — never a version of the same story
 * (its cluster is filtered out), and one article per other story.
 *
 *   round trip 1: the article (text, entities, cluster)
 *   round trip 2: document frequencies of its 20 most frequent non-stop words (limit-0 queries),
 *                 and the articles that share one of its lead entities (the first people,
 *                 organisations and places it names)
 *   round trip 3: its top terms as two queries (`matchingStrategy: last` keeps the first word in
 *                 every result: one leads with the most distinctive term, one with the least)
 *   score = best ranking score of the term queries + ENTITY_WEIGHT × share of its lead entities shared
 *
 * `baseline: true` is the plain comparison of `npm run eval:related`: one query of the top tf-idf
 * terms, Meilisearch's order.
 */
import stopwords from 'natural/lib/natural/util/stopwords.js';
import { notFound } from '../../errors.js';
import { webUrl } from '../../ingest/url.js';
import { quote } from '../../meili/filter.js';
import type { ArticleDocument, IndexNames } from '../../meili/contract.js';
import type { NamedQueries } from '../search/request-adapter/queries.js';
import type { RelatedArticle } from '../search/responses.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- named answers of a multi-search
type Run = (queries: NamedQueries) => Promise<Record<string, { hits: any[]; estimatedTotalHits?: number; totalHits?: number }>>;

export const RELATED_DEFAULT = 5;
export const RELATED_MAX = 20;
/** Words whose document frequency is asked for: the article's most frequent, stop words aside. */
const CANDIDATE_TERMS = 20;
/** Terms in the query. */
const QUERY_TERMS = 12;
const BASELINE_TERMS = 10;
/** Lead entities: the first of each type the article names (lists are in order of first mention). */
const LEAD_PER_TYPE = 3;
const ENTITY_WEIGHT = 0.6;
const CANDIDATES = 30;

const STOP = new Set<string>([...(stopwords as { words: string[] }).words, 'said', 'says', 'also', 'would', 'could', 'one', 'two', 'new', 'year', 'last', 'mr', 'mrs', 'reuter', 'reuters']);

export type { RelatedArticle };

type Candidate = Pick<ArticleDocument, 'id' | 'title' | 'date' | 'source' | 'url' | 'people' | 'organizations' | 'places'> & { cluster?: string; _rankingScore?: number };

/** Term frequencies of an article's words (the headline counts twice), stop words and numbers left out. */
export function termFrequencies(title: string, text: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (s: string, weight: number) => {
    for (const word of s.toLowerCase().match(/\p{L}[\p{L}'’-]*\p{L}/gu) ?? []) {
      if (word.length < 3 || STOP.has(word)) continue;
      tf.set(word, (tf.get(word) ?? 0) + weight);
    }
  };
  add(title, 2);
  for (const p of text) add(p, 1);
  return tf;
}

const FIELDS = ['id', 'title', 'date', 'source', 'url', 'cluster', 'people', 'organizations', 'places'];

export async function relatedArticles(run: Run, indexes: Pick<IndexNames, 'articles'>, id: string, limit: number, options: { baseline?: boolean } = {}): Promise<{ id: string; related: RelatedArticle[] }> {
  const articles = indexes.articles;
  const { article } = await run({ article: { indexUid: articles, q: '', filter: `id = ${quote(id)}`, limit: 1, attributesToRetrieve: ['id', 'title', 'text', 'cluster', 'people', 'organizations', 'places'] } });
  const record = article!.hits[0] as (ArticleDocument & { cluster?: string }) | undefined;
  if (!record) throw notFound(`No article with id "${id}".`);
  const cluster = record.cluster ?? record.id;
  const outside = `id != ${quote(record.id)} AND cluster != ${quote(cluster)}`;

  const lead = { people: record.people.slice(0, LEAD_PER_TYPE), organizations: record.organizations.slice(0, LEAD_PER_TYPE), places: record.places.slice(0, LEAD_PER_TYPE) };
  const leadCount = lead.people.length + lead.organizations.length + lead.places.length;
  const entityFilter = (Object.entries(lead) as Array<[keyof typeof lead, string[]]>)
    .filter(([, values]) => values.length > 0)
    .map(([facet, values]) => `${facet} IN [${values.map(quote).join(', ')}]`)
    .join(' OR ');
  // Distinctive terms: tf × idf, the document frequencies from the index itself.
  const tf = termFrequencies(record.title, record.text ?? []);
  const candidates = [...tf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CANDIDATE_TERMS).map(([t]) => t);
  const dfQueries: NamedQueries = { all: { indexUid: articles, q: '', limit: 0 } };
  candidates.forEach((term, i) => (dfQueries[`df${i}`] = { indexUid: articles, q: term, limit: 0, attributesToSearchOn: ['title', 'text'] }));
  // The articles about the same people, organisations and places, whatever their words.
  if (entityFilter && !options.baseline) {
    dfQueries.entities = { indexUid: articles, q: '', filter: `(${outside}) AND (${entityFilter})`, limit: CANDIDATES, attributesToRetrieve: FIELDS };
  }
  const df = await run(dfQueries);
  const total = df.all!.estimatedTotalHits ?? df.all!.totalHits ?? 1;
  const tfidf = candidates
    .map((term, i) => ({ term, score: tf.get(term)! * Math.log((total + 1) / ((df[`df${i}`]!.estimatedTotalHits ?? 0) + 1)) }))
    .sort((a, b) => b.score - a.score);

  if (options.baseline) {
    const q = tfidf.slice(0, BASELINE_TERMS).map((t) => t.term).join(' ');
    const { plain } = await run({ plain: { indexUid: articles, q, filter: outside, limit, attributesToRetrieve: FIELDS } });
    return { id: record.id, related: (plain!.hits as Candidate[]).map(toRelated) };
  }

  // Meilisearch's `last` strategy drops words from the end, so every result has the first word:
  // one query leads with the most distinctive term, one with the least (of the top terms).
  const top = tfidf.slice(0, QUERY_TERMS).map((t) => t.term);
  const common = { indexUid: articles, matchingStrategy: 'last' as const, limit: CANDIDATES, showRankingScore: true, attributesToRetrieve: FIELDS, filter: outside };
  const found = {
    ...(top.length > 0 && (await run({ distinctive: { ...common, q: top.join(' ') }, broad: { ...common, q: [...top].reverse().join(' ') } }))),
    ...(df.entities && { entities: df.entities }),
  };

  const scored = new Map<string, { doc: Candidate; score: number }>();
  for (const [name, answer] of Object.entries(found)) {
    for (const doc of answer.hits as Candidate[]) {
      const previous = scored.get(doc.id);
      // A placeholder query's ranking score says nothing about the words.
      const text = name === 'entities' ? 0 : (doc._rankingScore ?? 0);
      if (!previous || text > previous.score) scored.set(doc.id, { doc, score: text });
    }
  }
  const ranked = [...scored.values()]
    .map(({ doc, score }) => {
      const shared = leadCount === 0 ? 0 : (['people', 'organizations', 'places'] as const).reduce((n, f) => n + lead[f].filter((v) => doc[f]?.includes(v)).length, 0) / leadCount;
      return { doc, score: score + ENTITY_WEIGHT * shared };
    })
    .sort((a, b) => b.score - a.score || (a.doc.id < b.doc.id ? -1 : 1));
  // One article per other story.
  const stories = new Set<string>();
  const related: RelatedArticle[] = [];
  for (const { doc } of ranked) {
    const story = doc.cluster ?? doc.id;
    if (story === cluster || stories.has(story)) continue;
    stories.add(story);
    related.push(toRelated(doc));
    if (related.length === limit) break;
  }
  return { id: record.id, related };
}

function toRelated(doc: Candidate): RelatedArticle {
  return { articleId: doc.id, title: doc.title, publishedAt: doc.date ?? null, source: doc.source ?? null, url: webUrl(doc.url), cluster: doc.cluster ?? doc.id };
}
