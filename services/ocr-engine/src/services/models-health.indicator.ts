import { Injectable } from '@nestjs/common';
import { HealthIndicator } from '@mediq/common';
import { OcrEngine } from '../engine';

/** Up once the models are loaded and warmed up (the engine exists only then). */
@Injectable()
export class ModelsHealthIndicator implements HealthIndicator {
  readonly name = 'models';

  constructor(private readonly engine: OcrEngine) {}

  async check(): Promise<void> {
    if (this.engine.health().models.length === 0) throw new Error('no model loaded');
  }
}
