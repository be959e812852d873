import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { Actor, ErrorCode, hasUnsafeCharacters, IssuedKioskKey, KioskKeyIdentity, KioskKeyView } from '@mediq/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { KioskKey } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { KioskKeysRepository } from '../repositories/kiosk-keys.repository';
import { RevokedKioskKeysRepository } from '../repositories/revoked-kiosk-keys.repository';
import { canAdministerInstitution } from './access-policy';
import { UNSAFE_TEXT } from './user-fields';

const KEY_PREFIX = 'mqk_';
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashKioskKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random kiosk key: `mqk_` + 32 random bytes (base64url). High entropy, so a plain SHA-256 suffices to store it. */
export function newKioskKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function toKioskKeyView(key: KioskKey): KioskKeyView {
  return {
    id: key.id,
    institutionId: key.institutionId,
    label: key.label,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** x-api-keys for kiosk devices, per institution, issued and revoked by its ADMIN_FASKES. */
@Injectable()
export class KioskKeysService {
  private readonly logger = new Logger(KioskKeysService.name);

  constructor(
    private readonly keys: KioskKeysRepository,
    private readonly audit: AuditRepository,
    private readonly revokedKeys: RevokedKioskKeysRepository,
  ) {}

  async issue(actor: Actor, institutionId: string, label: string, key = newKioskKey()): Promise<IssuedKioskKey> {
    this.assertAdministers(actor, institutionId);
    const cleanLabel = typeof label === 'string' ? label.trim() : '';
    if (!cleanLabel || cleanLabel.length > 100) throw DomainError.validation('label must be 1-100 characters', { label: 'must be 1-100 characters' });
    if (hasUnsafeCharacters(cleanLabel)) throw DomainError.validation(`label ${UNSAFE_TEXT}`, { label: UNSAFE_TEXT });
    const created = await this.keys.create({
      institutionId,
      label: cleanLabel,
      prefix: key.slice(0, 12),
      keyHash: hashKioskKey(key),
      createdBy: actor.userId ?? null,
    });
    await this.audit.record(actor, 'kiosk-key.issue', created.id, { institutionId });
    return { ...toKioskKeyView(created), key };
  }

  /** The kiosk a key belongs to; 401 for an unknown or revoked key. */
  async verify(key: string): Promise<KioskKeyIdentity> {
    const found = typeof key === 'string' && key ? await this.keys.findByHash(hashKioskKey(key)) : null;
    if (!found || found.revokedAt) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The kiosk key is invalid or has been revoked');
    await this.keys.touch(found.id, LAST_USED_RESOLUTION_MS);
    return { kioskKeyId: found.id, institutionId: found.institutionId };
  }

  /**
   * Revokes the key in two places: the database (verification refuses it from then on) and the
   * revocation list in Redis (every gateway stops trusting its cached copy at once). If the list cannot
   * be written the call answers 503 and the database change stays; revoking again answers the same
   * key and lists it again, which completes the revocation.
   */
  async revoke(actor: Actor, id: string): Promise<KioskKeyView> {
    const found = await this.keys.findById(id);
    if (!found) throw DomainError.notFound('The kiosk key');
    this.assertAdministers(actor, found.institutionId);
    let revoked = found;
    if (!found.revokedAt) {
      revoked = await this.keys.revoke(id);
      await this.audit.record(actor, 'kiosk-key.revoke', id, { institutionId: found.institutionId });
    }
    await this.listAsRevoked(id);
    return toKioskKeyView(revoked);
  }

  async list(actor: Actor, institutionId: string): Promise<KioskKeyView[]> {
    this.assertAdministers(actor, institutionId);
    return (await this.keys.listByInstitution(institutionId)).map(toKioskKeyView);
  }

  private async listAsRevoked(kioskKeyId: string): Promise<void> {
    try {
      await this.revokedKeys.add(kioskKeyId);
    } catch (error) {
      this.logger.warn({
        msg: `kiosk key revocation list not written: Redis unavailable (${error instanceof Error ? error.message : String(error)})`,
        event: 'kiosk-key-revocation-store',
        kioskKeyId,
      });
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The kiosk key is revoked but could not be stopped everywhere right now; revoke it again in a moment',
        { reason: 'kiosk-key-revocation-unavailable' },
      );
    }
  }

  private assertAdministers(actor: Actor, institutionId: string): void {
    if (typeof institutionId !== 'string' || !canAdministerInstitution(actor, institutionId)) {
      throw DomainError.forbidden("Only an administrator of this institution can manage its kiosk keys");
    }
  }
}
