module.exports = {
  ...require('../../jest.preset'),
  displayName: 'ocr-engine',
  rootDir: __dirname,
  // The evaluation scripts' own logic (metrics) is tested with the engine it measures.
  roots: ['<rootDir>', '<rootDir>/../../scripts/ocr-eval'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts', '<rootDir>/../../scripts/ocr-eval/**/*.spec.ts'],
};
