import 'reflect-metadata';
import { bootstrapService } from '@mediq/common';
import { AppModule } from './app.module';
import { loadUserConfig } from './config';

async function main(): Promise<void> {
  const config = loadUserConfig();
  await bootstrapService({ service: 'user', module: AppModule.register(config), config });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
