import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OCR_CONFIG, OcrConfig } from '../config';
import { ScanSessionRepository } from '../repositories/scan-session.repository';

/** Expires scans nobody confirmed in time and forgets the card data they held. */
@Injectable()
export class ScanPurgerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScanPurgerService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly scans: ScanSessionRepository,
    @Inject(OCR_CONFIG) private readonly config: OcrConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), this.config.SCAN_PURGE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<number> {
    try {
      const expired = await this.scans.expire(now);
      if (expired > 0) this.logger.log(`expired ${expired} unconfirmed scans and purged their data`);
      return expired;
    } catch (error) {
      this.logger.warn(`purging expired scans failed, retrying next round: ${(error as Error).message}`);
      return 0;
    }
  }
}
