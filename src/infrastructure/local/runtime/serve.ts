import { type LocalRuntimeOptions, startLocalRuntime } from './local-runtime';
import { runtimeBanner } from './banner';

/**
 * Runs the embedded runtime until SIGINT or SIGTERM, then stops every part (HTTP server, mappings, emulators and
 * their child processes) before resolving. Further signals while stopping are acknowledged, not obeyed.
 */
export async function serveUntilSignal(
  options: LocalRuntimeOptions,
  print: (line: string) => void,
): Promise<void> {
  // Listen first: a signal during start-up waits for the start to finish, then stops what was started.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  const started = Date.now();
  const runtime = await startLocalRuntime(options);
  print(runtimeBanner(runtime, options.app, Date.now() - started, options.dataDir));
  const signal = await signalled;
  print(`\n${signal}: stopping ...`);
  // The handlers stay installed: a second Ctrl-C must not end the process half-way and orphan the Java child.
  const again = () => print('still stopping: waiting for the emulators to exit ...');
  process.on('SIGINT', again);
  process.on('SIGTERM', again);
  await runtime.stop();
  print('stopped.');
}
