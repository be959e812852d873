import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { OCR_ENGINE_CONFIG, OcrEngineConfig } from './config';
import { OcrEngineController } from './controllers/ocr-engine.controller';
import { checksumsFromFile, defaultModelPaths, OcrEngine } from './engine';
import { CardReadingService } from './services/card-reading.service';
import { ModelsHealthIndicator } from './services/models-health.indicator';

@Module({})
export class AppModule {
  static register(config: OcrEngineConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule.forService('ocr-engine', [ModelsHealthIndicator])],
      controllers: [OcrEngineController],
      providers: [
        { provide: OCR_ENGINE_CONFIG, useValue: config },
        {
          // Models are verified against models/checksums.sha256, then load and warm up once,
          // before the service takes its first message.
          provide: OcrEngine,
          useFactory: () =>
            OcrEngine.create({
              models: defaultModelPaths(),
              expectedChecksums: checksumsFromFile(defaultModelPaths()),
              intraOpThreads: config.OCR_INTRA_OP_THREADS,
              maxConcurrentRequests: config.OCR_MAX_CONCURRENT_REQUESTS,
            }),
        },
        CardReadingService,
      ],
      exports: [OCR_ENGINE_CONFIG, OcrEngine],
    };
  }
}
