import { DomainError } from '@mediq/common';
import { findUnsafeText, SafeTextPipe } from './safe-text.pipe';

describe('SafeTextPipe', () => {
  const pipe = new SafeTextPipe();

  it('passes ordinary names, Indonesian punctuation and multi-line notes', () => {
    const body = { name: "SITI NURJANAH, S.Kep", fields: { alamat: 'JL. IMAM BONJOL\nRT 001' }, notes: 'datang\tpagi\r\nlagi', tags: ['A', 'B'] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses a right-to-left override and names the field, however deep', () => {
    expect(findUnsafeText({ fields: { nama: 'SITI\u202EHANAJRUN' } })).toBe('fields.nama');
    expect(findUnsafeText({ items: [{ label: 'ok' }, { label: 'A\u0000' }] })).toBe('items[1].label');
    try {
      pipe.transform({ name: 'SITI\u202EHANAJRUN' }, { type: 'body' });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toBe('name must not contain control or invisible formatting characters');
      expect((error as DomainError).details).toEqual({ fields: { name: 'control or invisible formatting characters' } });
    }
  });

  it('refuses line breaks in one-line fields, and checks queries and route parameters', () => {
    expect(findUnsafeText({ name: 'SITI\nNURJANAH' })).toBe('name');
    expect(() => pipe.transform({ search: 'a\u001b[2J' }, { type: 'query' })).toThrow('search must not');
    expect(() => pipe.transform('x\u200By', { type: 'param', data: 'code' })).toThrow('code must not');
  });

  it('leaves values from custom decorators (the actor, uploaded files) alone', () => {
    const file = { buffer: Buffer.from([0, 1, 2]), originalname: 'a\u0000.jpg' };
    expect(pipe.transform(file, { type: 'custom' })).toBe(file);
  });
});
