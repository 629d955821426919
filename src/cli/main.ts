/** The `saltline` command line (commander). Each command lives in its own module. */
import { Command } from 'commander';
import { runDemo } from './demo.js';

const program = new Command();
program.name('saltline').description('End-to-end encrypted, local-first chat').version('0.1.0');

program
  .command('demo')
  .description('run a two-party protocol demonstration in this process')
  .action(async () => {
    await runDemo();
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`saltline: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
