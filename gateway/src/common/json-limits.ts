import type { IncomingMessage } from 'node:http';

export interface JsonLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most object members in the whole body. */
  maxKeys: number;
}

/** Thrown by the JSON body parser's verify hook; answered as 400 by BodyErrorMiddleware. */
export class JsonTooComplexError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.complex';
  constructor(readonly limit: 'depth' | 'keys', readonly max: number) {
    super(limit === 'depth' ? `The request body nests deeper than ${max} levels` : `The request body has more than ${max} keys`);
  }
}

/**
 * Measures a JSON text's nesting depth and member count in one pass without recursion, before it is
 * parsed: a body of 40,000 nested arrays would otherwise parse fine and then overflow the stack of
 * every recursive walker after it (class-transformer, class-validator). Brackets, colons and quotes
 * inside strings are skipped; the scan stops at the first limit crossed. The text need not be valid
 * JSON: JSON.parse judges that afterwards.
 */
export function checkJsonShape(text: string, limits: JsonLimits): void {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limits.maxDepth) throw new JsonTooComplexError('depth', limits.maxDepth);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    else if (c === 0x3a /* : */ && ++keys > limits.maxKeys) throw new JsonTooComplexError('keys', limits.maxKeys);
  }
}

/**
 * body-parser's `verify` hook enforcing `limits` on the raw body. UTF-8 is scanned byte for byte
 * (latin1 keeps every ASCII byte where it is; multi-byte sequences never contain ASCII bytes).
 */
export function jsonShapeVerifier(limits: JsonLimits) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void => {
    const utf8 = !encoding || /^utf-?8$/i.test(encoding);
    checkJsonShape(utf8 ? body.toString('latin1') : new TextDecoder(encoding).decode(body), limits);
  };
}
