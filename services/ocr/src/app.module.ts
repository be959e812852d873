import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, HealthModule, PiiCipher, RpcClient } from '@mediq/common';
import { OCR_CONFIG, OcrConfig } from './config';
import { OcrController } from './controllers/ocr.controller';
import { DatabaseModule } from './database/database.module';
import { ScanSessionRepository } from './repositories/scan-session.repository';
import { RegistrationService } from './services/registration.service';
import { ScanPurgerService } from './services/scan-purger.service';
import { ScanService } from './services/scan.service';

@Module({})
export class AppModule {
  static register(config: OcrConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, HealthModule.forService('ocr', [DatabaseHealthIndicator])],
      controllers: [OcrController],
      providers: [
        { provide: OCR_CONFIG, useValue: config },
        { provide: RpcClient, useFactory: () => new RpcClient(config) },
        { provide: PiiCipher, useFactory: () => new PiiCipher(config.SCAN_ENCRYPTION_KEY) },
        ScanSessionRepository,
        ScanService,
        RegistrationService,
        ScanPurgerService,
      ],
      exports: [OCR_CONFIG],
    };
  }
}
