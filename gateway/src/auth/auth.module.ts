import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { AuthGuard } from './auth.guard';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

/** HTTP authentication: the global guard behind @Public/@Roles/@AllowKiosk. */
@Module({
  providers: [AccessTokens, KioskKeyVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokens],
})
export class AuthModule {}
