// Jest runs each test file in its own VM context, whose typed-array constructors differ from the
// ones onnxruntime-node's native binding creates outputs with, so its `instanceof` checks fail.
// This environment hands the test context the host's typed arrays. Select it per file with
// `@jest-environment ./test/support/onnx-test-environment.js`.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'ArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'BigInt64Array',
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
