import { Injectable } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { Actor, ErrorCode, IssuedKioskKey, KioskKeyIdentity, KioskKeyView } from '@mediq/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { KioskKey } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { KioskKeysRepository } from '../repositories/kiosk-keys.repository';
import { canAdministerInstitution } from './access-policy';

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
  constructor(
    private readonly keys: KioskKeysRepository,
    private readonly audit: AuditRepository,
  ) {}

  async issue(actor: Actor, institutionId: string, label: string, key = newKioskKey()): Promise<IssuedKioskKey> {
    this.assertAdministers(actor, institutionId);
    const cleanLabel = typeof label === 'string' ? label.trim() : '';
    if (!cleanLabel || cleanLabel.length > 100) throw DomainError.validation('label must be 1-100 characters', { label: 'must be 1-100 characters' });
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

  /** Revoking twice answers the same. */
  async revoke(actor: Actor, id: string): Promise<KioskKeyView> {
    const found = await this.keys.findById(id);
    if (!found) throw DomainError.notFound('The kiosk key');
    this.assertAdministers(actor, found.institutionId);
    if (found.revokedAt) return toKioskKeyView(found);
    const revoked = await this.keys.revoke(id);
    await this.audit.record(actor, 'kiosk-key.revoke', id, { institutionId: found.institutionId });
    return toKioskKeyView(revoked);
  }

  async list(actor: Actor, institutionId: string): Promise<KioskKeyView[]> {
    this.assertAdministers(actor, institutionId);
    return (await this.keys.listByInstitution(institutionId)).map(toKioskKeyView);
  }

  private assertAdministers(actor: Actor, institutionId: string): void {
    if (typeof institutionId !== 'string' || !canAdministerInstitution(actor, institutionId)) {
      throw DomainError.forbidden("Only an administrator of this institution can manage its kiosk keys");
    }
  }
}
