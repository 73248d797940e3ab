import { crossValidate, deserialiseModel, explain, fitTemperature, negativeLogLikelihood, predict, retrain, serialiseModel, train } from '../src';
import { normaliseText } from '../src/text';
import { syntheticExamples, TOPICS } from './synthetic';

const quick = { calibrationFraction: 0.25, seed: 7, textColumns: ['title', 'body'] };

describe('train and predict', () => {
  const examples = syntheticExamples(90, 1);
  const model = train(examples, quick);

  it('learns the synthetic topics', () => {
    const test = syntheticExamples(60, 2);
    const correct = test.filter((e) => predict(model, e.fields).label === e.label).length;
    expect(correct / test.length).toBeGreaterThan(0.95);
  });

  it('returns top-k suggestions with calibrated probabilities that sum to 1', () => {
    const p = predict(model, { title: '', body: '学校门口公交车太多' }, { topK: 3 });
    expect(p.suggestions).toHaveLength(3);
    expect(p.suggestions[0].label).toBe(p.label);
    const all = predict(model, ['', '学校门口公交车太多'], { topK: 99 }).suggestions;
    expect(all.map((s) => s.label).sort()).toEqual(Object.keys(TOPICS).sort());
    const sum = all.reduce((a, s) => a + s.probability, 0);
    expect(sum).toBeCloseTo(1, 9);
    for (const s of all) {
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < all.length; i++) expect(all[i - 1].probability).toBeGreaterThanOrEqual(all[i].probability);
    expect(model.temperature).toBeGreaterThan(0);
  });

  it('explains a suggestion with terms that occur in the text', () => {
    const text = { title: '噪音扰民', body: '附近工地晚上施工，噪音扰民，还有污水排放' };
    const p = predict(model, text, { explain: 3 });
    expect(p.label).toBe('环境');
    expect(p.explanation.length).toBeGreaterThan(0);
    for (const e of p.explanation) {
      expect(e.contribution).toBeGreaterThan(0);
      const source = e.field === 'title' ? text.title : `${text.title} ${text.body}`;
      expect(normaliseText(source)).toContain(e.term);
    }
    expect(explain(model, text, '教育').every((e) => e.contribution > 0)).toBe(true);
    expect(() => explain(model, text, '不存在')).toThrow(/unknown label/);
  });

  it('is deterministic for a seed', () => {
    const again = train(examples, quick);
    expect(Array.from(again.params)).toEqual(Array.from(model.params));
    expect(Array.from(again.vectoriser.termKeys)).toEqual(Array.from(model.vectoriser.termKeys));
    expect(again.temperature).toBe(model.temperature);
  });
});

describe('model file', () => {
  it('round-trips with a versioned header and the same predictions', () => {
    const model = train(syntheticExamples(60, 3), quick);
    const bytes = serialiseModel(model);
    expect(bytes.toString('ascii', 0, 8)).toBe('HLCLSMDL');
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + bytes.readUInt32LE(8)));
    expect(header).toMatchObject({ formatVersion: 1, labels: model.labels, textColumns: ['title', 'body'] });
    expect(header.training).toMatchObject({ seed: 7, trainingExamples: 60 });
    expect(typeof header.createdAt).toBe('string');
    const loaded = deserialiseModel(bytes);
    for (const e of syntheticExamples(20, 4)) {
      const a = predict(model, e.fields, { topK: 3 });
      const b = predict(loaded, e.fields, { topK: 3 });
      expect(b.suggestions.map((s) => s.label)).toEqual(a.suggestions.map((s) => s.label));
      expect(b.suggestions[0].probability).toBeCloseTo(a.suggestions[0].probability, 4);
    }
    expect(() => deserialiseModel(Buffer.from('not a model'))).toThrow(/not a hotline-classify model/);
    expect(() => deserialiseModel(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});

describe('retrain', () => {
  it('learns a new category from a few confirmed examples without forgetting the old ones', () => {
    const model = train(syntheticExamples(90, 5), quick);
    const newTopic = { 医疗: ['医院', '挂号', '医生', '药品', '看病难', '医保'] };
    const confirmed = syntheticExamples(12, 6, newTopic);
    const drift = syntheticExamples(30, 7, newTopic);
    const accuracy = (m: typeof model, set: typeof drift) => set.filter((e) => predict(m, e.fields).label === e.label).length / set.length;
    expect(accuracy(model, drift)).toBe(0);

    const updated = retrain(model, confirmed, { replay: syntheticExamples(30, 8) });
    expect(updated.labels).toEqual([...model.labels, '医疗']);
    expect(updated.vectoriser.size).toBeGreaterThan(model.vectoriser.size);
    expect(updated.info.retrainings).toBe(1);
    expect(updated.info.trainingExamples).toBe(model.info.trainingExamples + 12);
    expect(accuracy(updated, drift)).toBeGreaterThan(0.9);
    expect(accuracy(updated, syntheticExamples(60, 9))).toBeGreaterThan(0.9);
  });

  it('warm-starts: without replay the previous weights still carry the old categories', () => {
    const model = train(syntheticExamples(90, 10), quick);
    const updated = retrain(model, syntheticExamples(6, 11));
    const old = syntheticExamples(60, 12);
    const correct = old.filter((e) => predict(updated, e.fields).label === e.label).length;
    expect(correct / old.length).toBeGreaterThan(0.9);
  });
});

describe('temperature scaling', () => {
  it('recovers the temperature that generated the labels', () => {
    // Scores are 3x too confident: labels drawn from softmax(score / 3).
    let state = 11;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const scores: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = Float64Array.from({ length: 3 }, () => random() * 12 - 6);
      const p = Array.from(s, (x) => Math.exp(x / 3));
      const total = p.reduce((a, b) => a + b, 0);
      let u = random() * total;
      let label = 0;
      while (u > p[label] && label < 2) u -= p[label++];
      scores.push(s);
      labels.push(label);
    }
    const t = fitTemperature(scores, labels);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    expect(negativeLogLikelihood(scores, labels, t)).toBeLessThan(negativeLogLikelihood(scores, labels, 1));
  });
});

describe('crossValidate with a training fraction (a learning-curve point)', () => {
  const examples = syntheticExamples(90, 12);

  it('trains each fold on that stratified share and still tests every example once', () => {
    const whole = crossValidate(examples, 3, 1, quick);
    const half = crossValidate(examples, 3, 1, quick, undefined, 0.5);
    expect(half.trainFraction).toBe(0.5);
    half.folds.forEach((fold, i) => {
      // Each of the 3 classes keeps half its training examples, rounded up.
      expect(fold.trainSize).toBeGreaterThanOrEqual(whole.folds[i].trainSize / 2);
      expect(fold.trainSize).toBeLessThan(whole.folds[i].trainSize / 2 + 3);
      expect(fold.evaluation.count).toBe(whole.folds[i].evaluation.count);
    });
    expect(half.pooled.count).toBe(examples.length);
    expect(() => crossValidate(examples, 3, 1, quick, undefined, 0)).toThrow(RangeError);
  });
});
