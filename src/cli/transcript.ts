/**
 * Headless transcript runner: `npm run --silent transcript -- [--seed N] FILE` (FILE `-` = stdin).
 * Runs each non-blank, non-`#` line against one fresh simulated cluster, letting it settle
 * after each line, and prints `$ <line>` followed by what it printed, both streams in order.
 */
import { readFileSync } from 'node:fs';
import { loadExplainSchema } from '../kubectl/explain/load.ts';
import { runTranscript } from './runTranscript.ts';

const usage = 'usage: npm run --silent transcript -- [--seed N] FILE   (FILE - reads stdin)\n';

async function main(argv: string[]): Promise<number> {
  let seed = 1;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (!v || !/^\d+$/.test(v)) {
        process.stderr.write(`transcript: --seed needs a whole number\n${usage}`);
        return 2;
      }
      seed = Number(v);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(usage);
      return 0;
    } else if (file === undefined) file = a;
    else {
      process.stderr.write(`transcript: unexpected argument ${a}\n${usage}`);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write(usage);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stderr.write(`transcript: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  // `kubectl explain` reads data the page loads on demand; here it is loaded up front.
  await loadExplainSchema();
  process.stdout.write(runTranscript(text, { seed }));
  return 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
