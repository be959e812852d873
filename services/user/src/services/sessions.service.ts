import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { RevokedSessionsRepository } from '../repositories/revoked-sessions.repository';
import { RevokeReason, TokenFamiliesRepository } from '../repositories/token-families.repository';
import { TokensService } from './tokens.service';

/**
 * Ends sessions, in two places at once: the token family in the database (its refresh token is
 * refused from then on) and the revocation list in Redis (the gateway refuses its access tokens at
 * once instead of when they expire). If the list cannot be written the call fails with 503: the
 * database change stays, and calling again writes the list again, so a retry completes the revocation
 * and no ended session keeps working silently.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly families: TokenFamiliesRepository,
    private readonly revoked: RevokedSessionsRepository,
    private readonly tokens: TokensService,
  ) {}

  /** Ends one session; true when this call ended it, false when it had already ended. */
  async end(sessionId: string, reason: RevokeReason): Promise<boolean> {
    const ended = await this.families.revoke(sessionId, reason);
    await this.list([sessionId]);
    return ended;
  }

  /** Ends every session of the user (role change, deletion). */
  async endAllOf(userId: string, reason: RevokeReason): Promise<void> {
    await this.families.revokeAllOfUser(userId, reason);
    await this.relistRecentlyEnded(userId);
  }

  /**
   * Lists again every session of the user ended within an access token's lifetime (the ones whose
   * access tokens may still be unexpired): how a repeated request completes a revocation that failed
   * to reach Redis.
   */
  async relistRecentlyEnded(userId: string): Promise<void> {
    const since = new Date(Date.now() - this.tokens.accessTtlSeconds * 1000);
    await this.list(await this.families.idsRevokedSince(userId, since));
  }

  private async list(sessionIds: string[]): Promise<void> {
    try {
      await this.revoked.add(sessionIds, this.tokens.accessTtlSeconds);
    } catch (error) {
      this.logger.warn({
        msg: `revocation list not written: Redis unavailable (${error instanceof Error ? error.message : String(error)})`,
        event: 'session-revocation-store',
        sessions: sessionIds.length,
      });
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The session could not be ended everywhere right now; try again in a moment',
        { reason: 'session-revocation-unavailable' },
      );
    }
  }
}
