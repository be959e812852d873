import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { USER_CONFIG, UserConfig } from './config';

@Module({})
export class AppModule {
  static register(config: UserConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule.forService('user', [])],
      providers: [{ provide: USER_CONFIG, useValue: config }],
      exports: [USER_CONFIG],
    };
  }
}
