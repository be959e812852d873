import { Global, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, PRISMA_CLIENT } from '@mediq/common';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [PrismaService, { provide: PRISMA_CLIENT, useExisting: PrismaService }, DatabaseHealthIndicator],
  exports: [PrismaService, PRISMA_CLIENT, DatabaseHealthIndicator],
})
export class DatabaseModule {}
