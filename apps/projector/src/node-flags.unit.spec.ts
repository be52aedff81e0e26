import { readFileSync } from 'node:fs';
import path from 'node:path';
import projectorFlags from '../node-flags.json';

// scripts/start.mjs, the demo's lifetime-value refresh, the projector crash tests and the benchmark's
// rebuild read node-flags.json; these two commands spell the flags out, so they are checked against it.
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

describe('the projector’s V8 flags', () => {
  it('are on every command line that starts the projector', () => {
    const commands = [read('package.json').scripts.projections as string, read('apps/projector/project.json').targets.serve.options.command as string];
    expect(projectorFlags.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [node, ...args] = command.split(' ');
      expect(node).toBe('node');
      const flags = args.slice(0, args.indexOf('-r'));
      expect(flags).toEqual(projectorFlags);
    }
  });
});
