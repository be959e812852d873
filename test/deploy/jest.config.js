// Deployment checks without a cluster or a Docker engine: the kustomize overlays rendered by
// kubectl and validated against the Kubernetes schemas, the compose files, the Dockerfile's
// build steps run for real, and .env.example as scripts/lib/env.js reads it (test/deploy/*.spec.ts).
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 60_000,
};
