import { softmaxInPlace } from './linear-model';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { exp, log, max, sqrt } = Math;


// Temperature scaling: one scalar T divides all scores before the softmax. It does not change the
// ranking, only how confident the probabilities are; T is fitted to held-out examples by
// minimising their negative log-likelihood (a one-dimensional, unimodal problem in log T).

export function negativeLogLikelihood(scores: readonly Float64Array[], labels: ArrayLike<number>, temperature: number): number {
  let total = 0;
  const buffer = new Float64Array(scores.length ? scores[0].length : 0);
  scores.forEach((s, i) => {
    buffer.set(s);
    softmaxInPlace(buffer, temperature);
    total -= log(max(buffer[labels[i]], 1e-300));
  });
  return total / (scores.length || 1);
}

/** Golden-section search for the temperature in [0.05, 20] (log scale). */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const f = (logT: number) => negativeLogLikelihood(scores, labels, exp(logT));
  const ratio = (sqrt(5) - 1) / 2;
  let lo = log(0.05);
  let hi = log(20);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let iteration = 0; iteration < 60 && hi - lo > 1e-4; iteration++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return exp((lo + hi) / 2);
}
