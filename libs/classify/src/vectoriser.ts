import { extractViewCounts, FeatureConfig, viewWeights, ViewCounts } from './features';
import { SparseVector } from './sparse';

/**
 * TF-IDF over a pruned vocabulary of character n-grams. The vocabulary keeps each term's document
 * frequency and the document count, so that it can be extended with a tenant's new examples.
 */
export class Vectoriser {
  private readonly termIndex = new Map<string, number>();
  private readonly idf: Float32Array;

  constructor(
    readonly config: FeatureConfig,
    readonly fieldCount: number,
    readonly terms: readonly string[],
    readonly documentFrequency: Uint32Array,
    readonly documentCount: number,
  ) {
    terms.forEach((t, i) => this.termIndex.set(t, i));
    this.idf = new Float32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      // Smoothed idf, as if one extra document contained every term (never zero or negative).
      this.idf[i] = Math.log((1 + documentCount) / (1 + documentFrequency[i])) + 1;
    }
  }

  /** Builds the vocabulary from training documents (each an array of text fields). */
  static fit(
    documents: readonly (readonly string[])[],
    config: FeatureConfig,
    onProgress?: (done: number) => void,
  ): Vectoriser {
    const fieldCount = documents.length ? documents[0].length : 1;
    const frequency = new Map<string, number>();
    documents.forEach((fields, i) => {
      for (const view of extractViewCounts(fields, config)) {
        for (const term of view.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
      }
      if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
    });
    const terms: string[] = [];
    const df: number[] = [];
    for (const [term, count] of frequency) {
      if (count >= config.minDf) {
        terms.push(term);
        df.push(count);
      }
    }
    return new Vectoriser(config, fieldCount, terms, Uint32Array.from(df), documents.length);
  }

  get size(): number {
    return this.terms.length;
  }

  indexOf(term: string): number | undefined {
    return this.termIndex.get(term);
  }

  termIdf(index: number): number {
    return this.idf[index];
  }

  /**
   * Returns a vectoriser whose counts include the new documents and whose vocabulary is extended
   * (at the end, so existing feature indices keep their meaning) with new terms that occur in at
   * least minDf of them.
   */
  extend(documents: readonly (readonly string[])[]): Vectoriser {
    const df = Array.from(this.documentFrequency);
    const terms = [...this.terms];
    const unseen = new Map<string, number>();
    for (const fields of documents) {
      for (const view of extractViewCounts(fields, this.config)) {
        for (const term of view.keys()) {
          const index = this.termIndex.get(term);
          if (index !== undefined) df[index]++;
          else unseen.set(term, (unseen.get(term) ?? 0) + 1);
        }
      }
    }
    for (const [term, count] of unseen) {
      if (count >= this.config.minDf) {
        terms.push(term);
        df.push(count);
      }
    }
    const total = this.documentCount + documents.length;
    return new Vectoriser(this.config, this.fieldCount, terms, Uint32Array.from(df), total);
  }

  transform(fields: readonly string[]): SparseVector {
    return this.transformCounts(extractViewCounts(fields, this.config));
  }

  /**
   * Each view's TF-IDF vector is L2-normalised and scaled by the view's weight; the concatenation
   * is normalised again so that documents with and without a lead field have the same norm.
   */
  transformCounts(views: ViewCounts): SparseVector {
    const weights = viewWeights(this.config, views.length);
    const indices: number[] = [];
    const values: number[] = [];
    views.forEach((view, v) => {
      const start = values.length;
      let sumSquares = 0;
      for (const [term, count] of view) {
        const index = this.termIndex.get(term);
        if (index === undefined) continue;
        const tf = this.config.sublinearTf ? 1 + Math.log(count) : count;
        const value = tf * this.idf[index];
        indices.push(index);
        values.push(value);
        sumSquares += value * value;
      }
      const scale = sumSquares > 0 ? weights[v] / Math.sqrt(sumSquares) : 0;
      for (let i = start; i < values.length; i++) values[i] *= scale;
    });
    let norm = 0;
    for (const value of values) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return {
      indices: Int32Array.from(indices),
      values: Float32Array.from(values, (value) => value * scale),
    };
  }
}
