import { Controller, Get } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@mediq/common';
import { Actor } from '@mediq/contracts';
import { AllowKiosk, CurrentActor } from '../auth/auth.decorators';

export interface KioskSessionView {
  kioskKeyId: string;
  institutionId: string;
}

/**
 * Which institution a kiosk's x-api-key belongs to: the web kiosk's set-up and its periodic check
 * (a revoked key answers 401, and the kiosk says "perangkat tidak terdaftar").
 */
@ApiTags('kiosk')
@ApiHeader({ name: 'x-api-key', required: true, description: 'Kiosk key' })
@Controller('kiosk')
export class KioskSessionController {
  @Get('session')
  @AllowKiosk()
  session(@CurrentActor() actor: Actor): KioskSessionView {
    if (actor.kind !== 'kiosk') throw DomainError.forbidden('Only a kiosk key (x-api-key) has a kiosk session');
    return { kioskKeyId: actor.kioskKeyId!, institutionId: actor.institutionId! };
  }
}
