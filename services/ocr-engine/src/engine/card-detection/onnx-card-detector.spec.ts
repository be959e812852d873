import { bestDetection, expandQuad } from './onnx-card-detector';

function row(score: number, classes: [number, number, number], corners: number[]): number[] {
  return [0, 0, 100, 60, score, ...classes, ...corners];
}

describe('bestDetection', () => {
  const corners = [10, 20, 110, 22, 108, 80, 8, 78];

  it('takes the highest-scoring row and scales it back to the image', () => {
    const output = Float32Array.from([...row(0.3, [1, 0, 0], corners), ...row(0.9, [0.1, 0.8, 0.1], corners), ...row(0.6, [1, 0, 0], corners)]);
    const detection = bestDetection(output, 3, 0.5, 0.5);
    expect(detection?.cardType).toBe('SIM');
    expect(detection?.confidence).toBeCloseTo(0.9);
    expect(detection?.corners[0]).toEqual({ x: 20, y: 40 });
    expect(detection?.corners[2]).toEqual({ x: 216, y: 160 });
  });

  it('finds no card when no row reaches the threshold', () => {
    expect(bestDetection(Float32Array.from(row(0.2, [1, 0, 0], corners)), 1, 1, 0.5)).toBeNull();
  });
});

describe('expandQuad', () => {
  it('grows the quad around its centre', () => {
    const quad = expandQuad([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }, { x: 0, y: 50 }], 0.1);
    expect(quad[0].x).toBeCloseTo(-5);
    expect(quad[0].y).toBeCloseTo(-2.5);
    expect(quad[2].x).toBeCloseTo(105);
    expect(quad[2].y).toBeCloseTo(52.5);
  });
});
