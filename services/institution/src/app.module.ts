import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { INSTITUTION_CONFIG, InstitutionConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './database/prisma.service';

@Module({})
export class AppModule {
  static register(config: InstitutionConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, HealthModule.forService('institution', [DatabaseHealthIndicator])],
      providers: [{ provide: INSTITUTION_CONFIG, useValue: config }],
      exports: [INSTITUTION_CONFIG],
    };
  }
}
