import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { OCR_ENGINE_CONFIG, OcrEngineConfig } from './config';

@Module({})
export class AppModule {
  static register(config: OcrEngineConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule.forService('ocr-engine', [])],
      providers: [{ provide: OCR_ENGINE_CONFIG, useValue: config }],
      exports: [OCR_ENGINE_CONFIG],
    };
  }
}
