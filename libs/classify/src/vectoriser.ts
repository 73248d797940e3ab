import { collectTermKeys, FeatureConfig, TermKeys, LEAD_VIEW_OFFSET, usesLeadView, validateFeatureConfig } from './features';
import { SparseVector } from './sparse';
import { KeyIndex } from './key-index';
import { ngramText } from './text';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { log, sqrt } = Math;


/** A vocabulary term for people: the n-gram and the view it belongs to. */
export interface TermName {
  text: string;
  /** 0: all text fields; 1: the lead field (title). */
  view: number;
}

/**
 * TF-IDF over a pruned vocabulary of character n-grams. The vocabulary keeps each term's document
 * frequency and the document count, so that it can be extended with a tenant's new examples.
 */
export class Vectoriser {
  private readonly termIndex: KeyIndex;
  private readonly idf: Float32Array;
  private readonly viewWeights: number[];
  // Scratch space for counting one document's terms (prediction is single-threaded).
  private readonly counts: Float32Array;
  private readonly touched: Int32Array;
  private buffer?: TermKeys;
  private found = new Int32Array(0);

  constructor(
    readonly config: FeatureConfig,
    readonly fieldCount: number,
    /** N-gram keys (see text.ts), lead-view keys offset by LEAD_VIEW_OFFSET. */
    readonly termKeys: Float64Array,
    readonly documentFrequency: Uint32Array,
    readonly documentCount: number,
  ) {
    validateFeatureConfig(config);
    this.termIndex = new KeyIndex(termKeys.length);
    for (const key of termKeys) this.termIndex.add(key);
    this.idf = new Float32Array(termKeys.length);
    for (let i = 0; i < termKeys.length; i++) {
      // Smoothed idf, as if one extra document contained every term (never zero or negative).
      this.idf[i] = log((1 + documentCount) / (1 + documentFrequency[i])) + 1;
    }
    this.viewWeights = usesLeadView(config, fieldCount) ? [1, config.leadFieldWeight] : [1];
    this.counts = new Float32Array(termKeys.length);
    this.touched = new Int32Array(termKeys.length);
  }

  /** Builds the vocabulary from training documents (each an array of text fields). */
  static fit(documents: readonly (readonly string[])[], config: FeatureConfig): Vectoriser {
    const counted = countDocumentFrequencies(documents, config);
    const keys: number[] = [];
    const df: number[] = [];
    counted.keys.forEach((key, id) => {
      if (counted.df[id] >= config.minDf) {
        keys.push(key);
        df.push(counted.df[id]);
      }
    });
    const fieldCount = documents.length ? documents[0].length : 1;
    return new Vectoriser(config, fieldCount, Float64Array.from(keys), Uint32Array.from(df), documents.length);
  }

  get size(): number {
    return this.termKeys.length;
  }

  termName(index: number): TermName {
    const key = this.termKeys[index];
    return key >= LEAD_VIEW_OFFSET ? { text: ngramText(key - LEAD_VIEW_OFFSET), view: 1 } : { text: ngramText(key), view: 0 };
  }

  /**
   * Returns a vectoriser whose counts include the new documents and whose vocabulary is extended
   * (at the end, so existing feature indices keep their meaning) with new terms that occur in at
   * least minDf of them.
   */
  extend(documents: readonly (readonly string[])[]): Vectoriser {
    const df = Array.from(this.documentFrequency);
    const keys = Array.from(this.termKeys);
    const counted = countDocumentFrequencies(documents, this.config);
    counted.keys.forEach((key, id) => {
      const index = this.termIndex.get(key);
      if (index >= 0) df[index] += counted.df[id];
      else if (counted.df[id] >= this.config.minDf) {
        keys.push(key);
        df.push(counted.df[id]);
      }
    });
    const total = this.documentCount + documents.length;
    return new Vectoriser(this.config, this.fieldCount, Float64Array.from(keys), Uint32Array.from(df), total);
  }

  /**
   * Each view's TF-IDF vector is L2-normalised and scaled by the view's weight; the concatenation
   * is normalised again so that documents with and without a lead field have the same norm.
   */
  transform(fields: readonly string[]): SparseVector {
    const { counts, touched, termIndex } = this;
    const collected = collectTermKeys(fields, this.config, this.buffer);
    this.buffer = collected;
    if (this.found.length < collected.length) this.found = new Int32Array(collected.keys.length);
    const found = this.found;
    termIndex.getAll(collected.keys, collected.length, found);
    let distinct = 0;
    for (let t = 0; t < collected.length; t++) {
      const index = found[t];
      if (index < 0) continue;
      if (counts[index] === 0) touched[distinct++] = index;
      counts[index]++;
    }
    const indices = touched.slice(0, distinct).sort();
    const values = new Float32Array(distinct);
    const viewSquares = [0, 0];
    for (let j = 0; j < distinct; j++) {
      const index = indices[j];
      const count = counts[index];
      counts[index] = 0;
      const tf = this.config.sublinearTf ? 1 + log(count) : count;
      values[j] = tf * this.idf[index];
      viewSquares[this.viewOf(index)] += values[j] * values[j];
    }
    const viewScale = viewSquares.map((s, v) => (s > 0 ? (this.viewWeights[v] ?? 0) / sqrt(s) : 0));
    let norm = 0;
    for (let j = 0; j < distinct; j++) {
      values[j] *= viewScale[this.viewOf(indices[j])];
      norm += values[j] * values[j];
    }
    const scale = norm > 0 ? 1 / sqrt(norm) : 0;
    for (let j = 0; j < distinct; j++) values[j] *= scale;
    return { indices, values };
  }

  private viewOf(index: number): number {
    return this.termKeys[index] >= LEAD_VIEW_OFFSET ? 1 : 0;
  }
}

/** For each distinct n-gram key (in order of first occurrence), how many documents contain it. */
function countDocumentFrequencies(
  documents: readonly (readonly string[])[],
  config: FeatureConfig,
): { keys: number[]; df: number[] } {
  const ids = new KeyIndex(1 << 16);
  const keys: number[] = [];
  const df: number[] = [];
  const lastDocument: number[] = [];
  let buffer: TermKeys | undefined;
  documents.forEach((fields, d) => {
    buffer = collectTermKeys(fields, config, buffer);
    for (let t = 0; t < buffer.length; t++) {
      const key = buffer.keys[t];
      const id = ids.add(key);
      if (id === keys.length) {
        keys.push(key);
        df.push(1);
        lastDocument.push(d);
      } else if (lastDocument[id] !== d) {
        df[id]++;
        lastDocument[id] = d;
      }
    }
  });
  return { keys, df };
}
