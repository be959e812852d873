import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, HealthModule } from '@mediq/common';
import { INSTITUTION_CONFIG, InstitutionConfig } from './config';
import { InstitutionsController } from './controllers/institutions.controller';
import { ServicesController } from './controllers/services.controller';
import { DatabaseModule } from './database/database.module';
import { InstitutionCache } from './repositories/institution-cache';
import { InstitutionRepository } from './repositories/institution.repository';
import { ServiceRepository } from './repositories/service.repository';
import { InstitutionSeedService } from './services/institution-seed.service';
import { InstitutionsService } from './services/institutions.service';
import { ServiceCatalogService } from './services/service-catalog.service';

@Module({})
export class AppModule {
  static register(config: InstitutionConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, HealthModule.forService('institution', [DatabaseHealthIndicator])],
      controllers: [InstitutionsController, ServicesController],
      providers: [
        { provide: INSTITUTION_CONFIG, useValue: config },
        InstitutionCache,
        InstitutionRepository,
        ServiceRepository,
        InstitutionsService,
        ServiceCatalogService,
        InstitutionSeedService,
      ],
      exports: [INSTITUTION_CONFIG],
    };
  }
}
