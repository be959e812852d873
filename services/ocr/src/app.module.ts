import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { OCR_CONFIG, OcrConfig } from './config';

@Module({})
export class AppModule {
  static register(config: OcrConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule.forService('ocr', [])],
      providers: [{ provide: OCR_CONFIG, useValue: config }],
      exports: [OCR_CONFIG],
    };
  }
}
