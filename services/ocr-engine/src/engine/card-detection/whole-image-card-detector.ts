import type { RgbImage } from '../geometry/rgb-image';
import type { CardDetection, CardDetector } from './card-detector';

/**
 * Stand-in used while no card detector model is available: the whole image is taken as the card,
 * with unknown type and zero confidence. The engine reports this as a DETECTOR_FALLBACK warning
 * and relies on text cues to tell a KTP from anything else.
 */
export class WholeImageCardDetector implements CardDetector {
  readonly kind = 'whole-image' as const;

  async detect(image: RgbImage): Promise<CardDetection> {
    const right = image.width - 1;
    const bottom = image.height - 1;
    return {
      cardType: 'UNKNOWN',
      corners: [
        { x: 0, y: 0 },
        { x: right, y: 0 },
        { x: right, y: bottom },
        { x: 0, y: bottom },
      ],
      confidence: 0,
      source: 'whole-image',
    };
  }

  async release(): Promise<void> {}
}
