// Maps the tsconfig path aliases (@ledgerline/*) to source files for jest; a `*` in an alias maps as in tsconfig.
const { compilerOptions } = require('../../tsconfig.base.json');

const escape = (text) => text.replace(/[/\\^$+?.()|[\]{}]/g, '\\$&');

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${escape(alias).replace('*', '(.*)')}$`,
      `<rootDir>/${target.replace('*', '$1')}`,
    ]),
  );
