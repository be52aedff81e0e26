// One jest run for the whole workspace; suites are told apart by their file suffix
// (*.unit.spec.ts pure, *.int.spec.ts real services, *.e2e.spec.ts real apps over the network).
const { pathsToModuleNameMapper } = require('./tools/jest/paths');
const fs = require('node:fs');
const path = require('node:path');

const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const roots = ['apps', 'libs', 'projections', 'infra', 'test']
  .filter((dir) => fs.existsSync(path.join(__dirname, dir)))
  .map((dir) => `<rootDir>/${dir}`);

const project = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  roots,
  testEnvironment: 'node',
  testMatch: [`**/*.${suffix}.spec.ts`],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleNameMapper: pathsToModuleNameMapper(),
  ...extra,
});

module.exports = {
  projects: [
    project('unit', 'unit'),
    project('int', 'int', { slowTestThreshold: 30 }),
    project('e2e', 'e2e', { slowTestThreshold: 60 }),
  ],
};
