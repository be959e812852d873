import { checkJsonShape, JsonTooComplexError, jsonShapeVerifier } from './json-limits';

const limits = { maxDepth: 4, maxKeys: 5 };
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('checkJsonShape', () => {
  it('lets a body within the limits through', () => {
    expect(() => checkJsonShape('{"a":{"b":[[1]]},"c":2}', limits)).not.toThrow();
    expect(() => checkJsonShape(nested(4), limits)).not.toThrow();
  });

  it('refuses one level too deep, and 40,000 levels without recursing', () => {
    expect(() => checkJsonShape(nested(5), limits)).toThrow(new JsonTooComplexError('depth', 4));
    expect(() => checkJsonShape(nested(40_000), { maxDepth: 32, maxKeys: 1000 })).toThrow(JsonTooComplexError);
    expect(() => checkJsonShape('{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000), { maxDepth: 32, maxKeys: 100_000 })).toThrow(/deeper than 32/);
  });

  it('refuses more keys than allowed, counted across the whole body', () => {
    expect(() => checkJsonShape('{"a":1,"b":{"c":2,"d":3},"e":4}', limits)).not.toThrow();
    expect(() => checkJsonShape('{"a":1,"b":{"c":2,"d":3},"e":4,"f":5}', limits)).toThrow(/more than 5 keys/);
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    expect(() => checkJsonShape(JSON.stringify({ note: '[[[[[[[[{{{{ a:b:c:d:e:f:g \\" ]]' }), limits)).not.toThrow();
    expect(() => checkJsonShape('{"x":"\\"[[[[[[[["}', limits)).not.toThrow();
  });

  it('scans UTF-8 bytes and other charsets alike', () => {
    const verify = jsonShapeVerifier(limits);
    expect(() => verify({} as never, {}, Buffer.from(JSON.stringify({ nama: 'SITI ÑURJANAH 名前 [' })), 'utf-8')).not.toThrow();
    expect(() => verify({} as never, {}, Buffer.from(nested(6), 'utf16le'), 'utf-16le')).toThrow(JsonTooComplexError);
  });
});
