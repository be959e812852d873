/** Logistic regression by gradient descent on the mean log-loss plus `l2` times the squared weights. */
export function fitLogistic(samples: readonly { x: number[]; right: boolean }[], l2 = 0.01, steps = 4000, rate = 0.5): { bias: number; weights: number[] } {
  const d = samples[0]?.x.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const positives = samples.filter((s) => s.right).length;
  // Start from the base rate, so a group with no errors keeps a high, finite probability.
  let b = Math.log((positives + 1) / (samples.length - positives + 1));
  for (let step = 0; step < steps; step++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const s of samples) {
      const z = s.x.reduce((acc, v, i) => acc + v * w[i], b);
      const error = 1 / (1 + Math.exp(-z)) - (s.right ? 1 : 0);
      gb += error;
      for (let i = 0; i < d; i++) gw[i] += error * s.x[i];
    }
    b -= (rate * gb) / samples.length;
    for (let i = 0; i < d; i++) w[i] -= rate * (gw[i] / samples.length + 2 * l2 * w[i]);
  }
  return { bias: b, weights: w };
}

