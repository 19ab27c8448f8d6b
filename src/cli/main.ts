import 'reflect-metadata';
import { runCli } from './program';

runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  progressStream: process.stderr.isTTY ? process.stderr : undefined,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
