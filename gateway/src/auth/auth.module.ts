import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RevokedKioskKeys, RevokedSessions } from '@mediq/common';
import { EdgeRedis } from '../common/edge-redis';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { PatientsModule } from '../patients/patients.module';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { KioskKeysController } from './kiosk-keys.controller';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

/** Identity and access over HTTP: the global guard behind @Public/@Roles/@AllowKiosk, sign-in, kiosk keys, the users routes and patients' record keeping. */
@Module({
  imports: [UsersModule, PatientsModule],
  controllers: [AuthController, KioskKeysController],
  providers: [
    {
      provide: RevokedSessions,
      useFactory: (redis: EdgeRedis, config: GatewayConfig) => new RevokedSessions(redis.client, config.RMQ_PREFIX, redis.subscriber),
      inject: [EdgeRedis, GATEWAY_CONFIG],
    },
    {
      provide: RevokedKioskKeys,
      useFactory: (redis: EdgeRedis, config: GatewayConfig) => new RevokedKioskKeys(redis.client, config.RMQ_PREFIX, redis.subscriber),
      inject: [EdgeRedis, GATEWAY_CONFIG],
    },
    AccessTokens,
    KioskKeyVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens],
})
export class AuthModule {}
