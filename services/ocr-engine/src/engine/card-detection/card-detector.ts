import type { RgbImage } from '../geometry/rgb-image';
import type { CardType, Quad } from '../result';

export interface CardDetection {
  cardType: CardType;
  /** Corners in the given image: top-left, top-right, bottom-right, bottom-left of the card as read. */
  corners: Quad;
  confidence: number;
  source: 'model' | 'whole-image';
}

/** Finds the ID card in a photo. Returns null when there is no card. */
export interface CardDetector {
  readonly kind: 'model' | 'whole-image';
  detect(image: RgbImage): Promise<CardDetection | null>;
  release(): Promise<void>;
}
