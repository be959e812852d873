import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { Actor, SeedInstitutionAccessReply, SeedInstitutionAccessRequest, UserView } from '@mediq/contracts';
import { KioskKeysRepository } from '../repositories/kiosk-keys.repository';
import { UsersRepository } from '../repositories/users.repository';
import { hashKioskKey, KioskKeysService, toKioskKeyView } from '../services/kiosk-keys.service';
import { toUserView } from '../services/user-fields';
import { UsersService } from '../services/users.service';

/**
 * The demo accounts of one institution, for the seed script: an ADMIN_FASKES, an OPERATOR and a kiosk
 * key. Idempotent: existing accounts (by e-mail) and keys (by value, or by label when none is given)
 * are returned as they are; passwords of existing accounts are not changed. System actor only.
 */
@Injectable()
export class InstitutionAccessSeed {
  constructor(
    private readonly usersService: UsersService,
    private readonly users: UsersRepository,
    private readonly kioskKeysService: KioskKeysService,
    private readonly kioskKeys: KioskKeysRepository,
    private readonly pii: PiiCipher,
  ) {}

  async run(actor: Actor, request: SeedInstitutionAccessRequest): Promise<SeedInstitutionAccessReply> {
    if (actor.kind !== 'system') throw DomainError.forbidden('Seeding is for the system only');
    const admin = await this.staff(actor, request.institutionId, 'ADMIN_FASKES', request.admin);
    const operator = await this.staff(actor, request.institutionId, 'OPERATOR', request.operator);

    const { label, key } = request.kioskKey;
    const existing = key ? await this.kioskKeys.findByHash(hashKioskKey(key)) : await this.kioskKeys.findActiveByLabel(request.institutionId, label);
    if (existing) {
      if (existing.institutionId !== request.institutionId) throw DomainError.validation('That kiosk key belongs to another institution');
      return { admin, operator, kioskKey: { ...toKioskKeyView(existing), key: key ?? null } };
    }
    const issued = await this.kioskKeysService.issue(actor, request.institutionId, label, key);
    return { admin, operator, kioskKey: issued };
  }

  private async staff(
    actor: Actor,
    institutionId: string,
    role: 'ADMIN_FASKES' | 'OPERATOR',
    account: SeedInstitutionAccessRequest['admin'],
  ): Promise<UserView> {
    const existing = await this.users.findByEmail(String(account.email).trim().toLowerCase());
    if (existing) return toUserView(existing, this.pii);
    return (await this.usersService.create(actor, { role, institutionId, ...account })).user;
  }
}
