import 'reflect-metadata';
import { bootstrapService } from '@mediq/common';
import { AppModule } from './app.module';
import { loadPatientQueueConfig } from './config';

async function main(): Promise<void> {
  const config = loadPatientQueueConfig();
  await bootstrapService({ service: 'patient-queue', module: AppModule.register(config), config });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
