import { svmDualObjective, svmObjective, trainBinarySvm, SvmOptions } from '../src/linear-svm';
import { toSparseMatrix } from '../src/sparse';
import { seededRandom } from '../src/random';

// A tiny problem: 12 examples in 5 sparse dimensions, labels from a noisy linear rule.
function tinyProblem() {
  const random = seededRandom(3);
  const vectors = Array.from({ length: 12 }, () => {
    const indices = Int32Array.from([0, 1, 2, 3, 4].filter(() => random() < 0.7));
    return { indices, values: Float32Array.from(indices, () => random() * 2 - 1) };
  });
  const features = toSparseMatrix(vectors, 5);
  const labels = Int8Array.from(vectors, (v, i) => {
    const score = v.indices.reduce((s, f, j) => s + (f < 2 ? 1 : -1) * v.values[j], 0);
    return (score > 0) !== (i % 5 === 0) ? 1 : -1; // every fifth label flipped: not separable
  });
  return { features, labels };
}

const options: SvmOptions = { c: 2, maxEpochs: 200, tolerance: 1e-6, seed: 1, biasFeature: 1 };

describe('squared-hinge SVM objective', () => {
  it('has an analytic gradient that matches central differences', () => {
    const { features, labels } = tinyProblem();
    const prior = Float64Array.from({ length: 6 }, (_, i) => 0.1 * i - 0.2);
    const weights = Float64Array.from({ length: 6 }, (_, i) => Math.sin(i + 1) * 0.3);
    const exampleWeights = Float64Array.from({ length: 12 }, (_, i) => 1 + (i % 3) * 0.5);
    const o = { ...options, prior, exampleWeights };
    const gradient = new Float64Array(6);
    svmObjective(features, labels, weights, o, gradient);
    const h = 1e-6;
    for (let p = 0; p < weights.length; p++) {
      const plus = Float64Array.from(weights);
      const minus = Float64Array.from(weights);
      plus[p] += h;
      minus[p] -= h;
      const numeric = (svmObjective(features, labels, plus, o) - svmObjective(features, labels, minus, o)) / (2 * h);
      expect(gradient[p]).toBeCloseTo(numeric, 5);
    }
  });
});

describe('dual coordinate descent', () => {
  it('lowers the dual objective with every pass and closes the duality gap', () => {
    const { features, labels } = tinyProblem();
    const dual: number[] = [];
    let primal = Infinity;
    const { weights } = trainBinarySvm(features, labels, {
      ...options,
      onEpoch: (_, w, alpha) => {
        dual.push(svmDualObjective(features, labels, alpha, w, options));
        primal = svmObjective(features, labels, w, options);
      },
    });
    expect(dual.length).toBeGreaterThan(2);
    expect(dual[0]).toBeLessThan(0); // starts from 0 at alpha = 0
    for (let e = 1; e < dual.length; e++) expect(dual[e]).toBeLessThanOrEqual(dual[e - 1] + 1e-12);
    expect(primal + dual[dual.length - 1]).toBeCloseTo(0, 5);
    const gradient = new Float64Array(6);
    svmObjective(features, labels, weights, options, gradient);
    expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-3);
  });

  it('starting from a prior minimises the distance to it plus the losses', () => {
    const { features, labels } = tinyProblem();
    const prior = Float64Array.from([1, 1, -1, -1, 0, 0.5]);
    const { weights } = trainBinarySvm(features, labels, { ...options, prior });
    const gradient = new Float64Array(6);
    svmObjective(features, labels, weights, { ...options, prior }, gradient);
    expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-3);
  });

  it('is deterministic for a seed', () => {
    const { features, labels } = tinyProblem();
    const a = trainBinarySvm(features, labels, { ...options, maxEpochs: 3 }).weights;
    const b = trainBinarySvm(features, labels, { ...options, maxEpochs: 3 }).weights;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
