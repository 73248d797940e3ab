// Limited-memory BFGS with a backtracking (Armijo) line search. Deterministic: no randomness, so
// the same data and starting point always give the same parameters.

/** Returns f(x) and writes its gradient into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Memory: how many recent steps approximate the inverse Hessian. */
  history?: number;
  /** Stop when the relative decrease of f over one iteration falls below this. */
  tolerance?: number;
  /** Called after every iteration with the iteration number and f. */
  onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** f at the start and after each iteration (non-increasing). */
  trace: number[];
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function minimiseLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = options.history ?? 10;
  const tolerance = options.tolerance ?? 1e-6;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const trace = [value];
  const steps: Float64Array[] = [];
  const gradientChanges: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(memory);
  let iteration = 0;

  while (iteration < options.maxIterations) {
    // Two-loop recursion: direction = -H * gradient.
    direction.set(gradient);
    for (let m = steps.length - 1; m >= 0; m--) {
      alphas[m] = rhos[m] * dot(steps[m], direction);
      const y = gradientChanges[m];
      for (let i = 0; i < n; i++) direction[i] -= alphas[m] * y[i];
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const scale = dot(steps[last], gradientChanges[last]) / dot(gradientChanges[last], gradientChanges[last]);
      for (let i = 0; i < n; i++) direction[i] *= scale;
    } else {
      // First step: a steepest descent step of unit length.
      const norm = Math.sqrt(dot(gradient, gradient)) || 1;
      for (let i = 0; i < n; i++) direction[i] /= norm;
    }
    for (let m = 0; m < steps.length; m++) {
      const beta = rhos[m] * dot(gradientChanges[m], direction);
      const s = steps[m];
      for (let i = 0; i < n; i++) direction[i] += s[i] * (alphas[m] - beta);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i];

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = gradientChanges.length = rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = -dot(gradient, gradient);
      if (slope === 0) break;
    }

    let stepSize = 1;
    const candidate = new Float64Array(n);
    const candidateGradient = new Float64Array(n);
    let candidateValue = Infinity;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let i = 0; i < n; i++) candidate[i] = x[i] + stepSize * direction[i];
      candidateValue = objective(candidate, candidateGradient);
      if (candidateValue <= value + 1e-4 * stepSize * slope) break;
      stepSize *= 0.5;
    }
    if (!(candidateValue < value)) break; // no progress possible

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = candidate[i] - x[i];
      y[i] = candidateGradient[i] - gradient[i];
    }
    const curvature = dot(s, y);
    if (curvature > 1e-12) {
      if (steps.length === memory) {
        steps.shift();
        gradientChanges.shift();
        rhos.shift();
      }
      steps.push(s);
      gradientChanges.push(y);
      rhos.push(1 / curvature);
    }
    const decrease = value - candidateValue;
    x = candidate;
    gradient = candidateGradient;
    value = candidateValue;
    iteration++;
    trace.push(value);
    options.onIteration?.(iteration, value);
    if (decrease <= tolerance * Math.max(Math.abs(value), 1e-12)) break;
  }
  return { x, value, iterations: iteration, trace };
}
