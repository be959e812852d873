import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { hasUnsafeCharacters } from '@mediq/contracts';

/** Free-text fields where line breaks and tabs are legitimate; every other string is one line. */
const MULTILINE_FIELDS = new Set(['notes', 'reason', 'address', 'alamat', 'description']);

/**
 * Refuses, in every string of a body, query or route parameter, the characters no person types on
 * purpose: control characters (NUL, ESC...) and invisible format characters such as the U+202E
 * right-to-left override that makes a name read differently on the operator's screen than it was
 * typed (zero-width joiner/non-joiner stay: some scripts need them). A 400 names the field.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const unsafe = findUnsafeText(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '');
    if (unsafe !== undefined) {
      const field = unsafe || metadata.type;
      throw DomainError.validation(`${field} must not contain control or invisible formatting characters`, { [field]: 'control or invisible formatting characters' });
    }
    return value;
  }
}

/** The path of the first string holding unsafe characters ('' for a bare string), or undefined. Iterative: bodies are bounded, but no recursion anyway. */
export function findUnsafeText(value: unknown, rootPath = ''): string | undefined {
  const stack: Array<{ value: unknown; path: string; key: string }> = [{ value, path: rootPath, key: rootPath }];
  while (stack.length > 0) {
    const { value: current, path, key } = stack.pop()!;
    if (typeof current === 'string') {
      if (hasUnsafeCharacters(current, { multiline: MULTILINE_FIELDS.has(key) })) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: `${path}[${index}]`, key }));
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [name, item] of Object.entries(current)) stack.push({ value: item, path: path ? `${path}.${name}` : name, key: name });
    }
  }
  return undefined;
}
