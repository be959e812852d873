import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, HealthModule, PiiCipher, RpcClient } from '@mediq/common';
import { USER_CONFIG, UserConfig } from './config';
import { AuthController } from './controllers/auth.controller';
import { StaffPasswordsController } from './controllers/staff-passwords.controller';
import { KioskKeysController } from './controllers/kiosk-keys.controller';
import { PatientsController } from './controllers/patients.controller';
import { UsersController } from './controllers/users.controller';
import { DatabaseModule } from './database/database.module';
import { AuditRepository } from './repositories/audit.repository';
import { KioskKeysRepository } from './repositories/kiosk-keys.repository';
import { PatientHistoryRepository } from './repositories/patient-history.repository';
import { LoginAttemptsRepository } from './repositories/login-attempts.repository';
import { RevokedKioskKeysRepository } from './repositories/revoked-kiosk-keys.repository';
import { RevokedSessionsRepository } from './repositories/revoked-sessions.repository';
import { TokenFamiliesRepository } from './repositories/token-families.repository';
import { UserRedis } from './repositories/user-redis';
import { UsersRepository } from './repositories/users.repository';
import { InstitutionAccessSeed } from './seed/institution-access.seed';
import { AuthService } from './services/auth.service';
import { StaffPasswordsService } from './services/staff-passwords.service';
import { KioskKeysService } from './services/kiosk-keys.service';
import { LoginLimiter } from './services/login-limiter.service';
import { PasswordHasher } from './services/password-hasher';
import { PatientAccess } from './services/patient-access';
import { PatientIdentityService } from './services/patient-identity.service';
import { SessionsService } from './services/sessions.service';
import { TokensService } from './services/tokens.service';
import { TotpService } from './services/totp.service';
import { UsersService } from './services/users.service';

@Module({})
export class AppModule {
  static register(config: UserConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, HealthModule.forService('user', [DatabaseHealthIndicator])],
      controllers: [UsersController, PatientsController, AuthController, KioskKeysController, StaffPasswordsController],
      providers: [
        { provide: USER_CONFIG, useValue: config },
        { provide: PiiCipher, useFactory: () => new PiiCipher(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY) },
        { provide: RpcClient, useFactory: () => new RpcClient(config) },
        UsersRepository,
        TokenFamiliesRepository,
        KioskKeysRepository,
        AuditRepository,
        PatientHistoryRepository,
        UserRedis,
        LoginAttemptsRepository,
        RevokedSessionsRepository,
        RevokedKioskKeysRepository,
        PasswordHasher,
        TokensService,
        LoginLimiter,
        TotpService,
        SessionsService,
        PatientAccess,
        UsersService,
        PatientIdentityService,
        AuthService,
        StaffPasswordsService,
        KioskKeysService,
        InstitutionAccessSeed,
      ],
      exports: [USER_CONFIG],
    };
  }
}
