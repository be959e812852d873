import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createMariaDbAdapter } from '@mediq/common';
import { OCR_CONFIG, OcrConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(OCR_CONFIG) config: OcrConfig) {
    super({ adapter: createMariaDbAdapter(config.OCR_DATABASE_URL) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
