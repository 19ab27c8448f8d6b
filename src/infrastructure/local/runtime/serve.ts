import { type LocalRuntimeOptions, startLocalRuntime } from './local-runtime';
import { runtimeBanner } from './banner';

/**
 * Runs the embedded runtime until SIGINT or SIGTERM, then stops every part (HTTP server, mappings, emulators and
 * their child processes) before resolving.
 */
export async function serveUntilSignal(
  options: LocalRuntimeOptions,
  print: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const runtime = await startLocalRuntime(options);
  print(runtimeBanner(runtime, options.app, Date.now() - started, options.dataDir));
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  print(`\n${signal}: stopping ...`);
  await runtime.stop();
  print('stopped.');
}
