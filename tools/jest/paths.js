// Maps the tsconfig path aliases (@ledgerline/*) to source files for jest.
const { compilerOptions } = require('../../tsconfig.base.json');

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}$`,
      `<rootDir>/${target}`,
    ]),
  );
