// Deployment checks without a cluster or a Docker engine: the kustomize overlays rendered by
// kubectl and validated against the Kubernetes schemas, the compose files, and the Dockerfile's
// build steps run for real (test/deploy/*.spec.ts).
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 60_000,
};
