import { fitLogistic } from './logistic';

describe('logistic regression', () => {
  it('learns that a higher feature means right, and stays near the base rate without evidence', () => {
    const samples = [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2].map((x) => ({ x: [x], right: x > 0 }));
    samples.push({ x: [0.2], right: false }, { x: [-0.2], right: true });
    const fit = fitLogistic(samples);
    expect(fit.weights[0]).toBeGreaterThan(1);
    const noEvidence = fitLogistic([{ x: [0], right: true }, { x: [0], right: true }, { x: [0], right: true }, { x: [0], right: false }]);
    expect(1 / (1 + Math.exp(-noEvidence.bias))).toBeCloseTo(0.75, 1);
  });
});
