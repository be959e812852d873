import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Protects personal data at rest: AES-256-GCM for values that must be read back, HMAC-SHA256 for
 * values that are only looked up (a NIK is found by its keyed hash, never by its clear text).
 * Ciphertext format: base64(iv[12] | tag[16] | ciphertext), prefixed with the key version.
 */
export class PiiCipher {
  private static readonly VERSION = 'v1';
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer | null;

  /** Keys: 32 bytes, base64-encoded. Without a hash key the cipher only seals and opens. */
  constructor(encryptionKeyBase64: string, hashKeyBase64?: string) {
    this.encryptionKey = decodeKey(encryptionKeyBase64, 'encryption');
    this.hashKey = hashKeyBase64 === undefined ? null : decodeKey(hashKeyBase64, 'hash');
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PiiCipher.VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(sealed: string): string {
    const [version, payload] = sealed.split(':', 2);
    if (version !== PiiCipher.VERSION || !payload) throw new Error('Unknown ciphertext format');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (hex) for lookups and unique constraints. */
  hash(value: string): string {
    if (!this.hashKey) throw new Error('This PiiCipher was created without a hash key');
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }
}

function decodeKey(base64: string, purpose: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`The PII ${purpose} key must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}
