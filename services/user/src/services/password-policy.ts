import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's 0-4 guess-based score; below 3 is guessable by an offline attack on a stolen hash or a patient online one. */
export const PASSWORD_MIN_SCORE = 3;

/** Words any MediQ staff password is likely to borrow from its setting. */
const SETTING_WORDS = ['mediq', 'puskesmas', 'klinik', 'rumahsakit', 'faskes', 'admin', 'operator', 'antrian', 'loket', 'kesehatan'];

/** Who the password is for: what an attacker would try first. */
export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
  /** The institution's name or code when known. */
  institution?: string | null;
}

let zxcvbn: ZxcvbnFactory | undefined;

/**
 * The estimator with the common-password and English dictionaries, built once: about a second of
 * CPU, so the service builds it at start-up (`preparePasswordPolicy`) rather than inside a request.
 */
export function preparePasswordPolicy(): void {
  estimator().check('warm-up', []);
}

function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs });
  return zxcvbn;
}

/**
 * The staff password policy: PASSWORD_MIN_LENGTH-PASSWORD_MAX_LENGTH characters and a zxcvbn score of
 * at least PASSWORD_MIN_SCORE, counting the owner's e-mail, name and institution as guessable.
 * Refusals are WEAK_PASSWORD with `details: {rule, minLength, score?, warning?}`: `rule` is
 * `length` or `guessable`, `warning` zxcvbn's reason key (e.g. `similarToCommon`, `userInputs`),
 * which the web app translates. The password itself is never in the error.
 */
export function assertStrongPassword(password: unknown, owner: PasswordOwner): asserts password is string {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError(ErrorCode.WEAK_PASSWORD, `password must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters`, {
      rule: 'length',
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    });
  }
  const result = estimator().check(password, userInputs(owner));
  if (result.score < PASSWORD_MIN_SCORE) {
    throw new DomainError(ErrorCode.WEAK_PASSWORD, 'password is too easy to guess: use a longer phrase of unrelated words', {
      rule: 'guessable',
      minLength: PASSWORD_MIN_LENGTH,
      score: result.score,
      warning: result.feedback.warning ?? null,
    });
  }
}

function userInputs(owner: PasswordOwner): string[] {
  const inputs = new Set<string>(SETTING_WORDS);
  const add = (value: string | null | undefined) => {
    if (!value) return;
    const lower = value.toLowerCase();
    inputs.add(lower);
    const words = lower.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
    for (const word of words) inputs.add(word);
    if (words.length > 1) inputs.add(words.join(''));
  };
  add(owner.email);
  add(owner.email?.split('@')[0]);
  add(owner.name);
  add(owner.institution);
  return [...inputs];
}
