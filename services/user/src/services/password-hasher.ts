import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id (the library's defaults: 64 MiB, 3 passes) for staff passwords. */
@Injectable()
export class PasswordHasher {
  private placeholder?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check, so an unknown e-mail cannot be told apart by timing. */
  async verifyWithoutAccount(password: string): Promise<false> {
    this.placeholder ??= this.hash('placeholder-for-accounts-that-do-not-exist');
    await this.verify(await this.placeholder, password);
    return false;
  }
}
