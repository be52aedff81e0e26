/**
 * Entry point for `npm run bench [-- <suite>...]`: runs the named suites (all of them when none is named),
 * prints each one's table and writes bench-results/<suite>.json. Missed targets do not change the exit
 * code; a suite that could not measure something (a crash, a timeout) exits 1.
 */
import path from 'node:path';
import { commandsSuite } from './commands.bench';
import { eventstoreStartupSuite } from './eventstore-startup.bench';
import { eventstoreSuite } from './eventstore.bench';
import { projectionsSuite } from './projections.bench';
import { BenchSuite, formatReport, writeResult } from './report';

/** Every suite, by name. Later suites (commands, projections) register here. */
const suites: readonly BenchSuite[] = [eventstoreSuite, eventstoreStartupSuite, commandsSuite, projectionsSuite];

const resultsDir = path.resolve(__dirname, '..', 'bench-results');

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    printUsage();
    return 0;
  }
  const unknown = argv.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}`);
    printUsage();
    return 2;
  }
  const selected = argv.length === 0 ? suites : suites.filter((suite) => argv.includes(suite.name));

  let failed = false;
  for (const suite of selected) {
    console.log(`running ${suite.name}: ${suite.description}`);
    const report = await suite.run();
    console.log('\n' + formatReport(report));
    console.log(`results: ${path.relative(process.cwd(), writeResult(report, resultsDir))}\n`);
    if (report.errors.length > 0) failed = true;
  }
  return failed ? 1 : 0;
}

function printUsage(): void {
  console.log('usage: npm run bench [-- <suite>...]   (no suite: run them all)\n\nsuites:');
  for (const suite of suites) console.log(`  ${suite.name.padEnd(12)} ${suite.description}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
