// Shared jest settings for every workspace: SWC compiles TypeScript with decorator metadata
// (NestJS dependency injection needs it), and @mediq/* imports resolve to their sources so
// tests never depend on a stale build.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  // Integration tests start services, migrate databases and load ONNX models on 2 shared cores:
  // generous limits, so a loaded machine slows a test down instead of failing it.
  testTimeout: 60_000,
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper: {
    '^@mediq/contracts$': path.join(__dirname, 'packages/contracts/src'),
    '^@mediq/contracts/(.*)$': path.join(__dirname, 'packages/contracts/src/$1'),
    '^@mediq/common$': path.join(__dirname, 'packages/common/src'),
    '^@mediq/common/(.*)$': path.join(__dirname, 'packages/common/src/$1'),
  },
};
