import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createMariaDbAdapter } from '@mediq/common';
import { INSTITUTION_CONFIG, InstitutionConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(INSTITUTION_CONFIG) config: InstitutionConfig) {
    super({ adapter: createMariaDbAdapter(config.INSTITUTION_DATABASE_URL) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
