import { type LocalRuntimeOptions, startLocalRuntime } from './local-runtime';
import { runtimeBanner } from './banner';
import { watchStopRequest } from './stop-request';

/**
 * Runs the embedded runtime until SIGINT, SIGTERM or SIGHUP, or until its parent process is gone, then stops every
 * part (HTTP server, mappings, emulators and their child processes) before resolving. Further signals while
 * stopping are acknowledged, not obeyed.
 */
export async function serveUntilSignal(
  options: LocalRuntimeOptions,
  print: (line: string) => void,
): Promise<void> {
  // Listen first: a signal during start-up waits for the start to finish, then stops what was started.
  const stop = watchStopRequest();
  const started = Date.now();
  const runtime = await startLocalRuntime(options);
  print(runtimeBanner(runtime, options.app, Date.now() - started, options.dataDir));
  const reason = await stop.reason;
  print(`\n${reason}: stopping ...`);
  // A second Ctrl-C must not end the process half-way and orphan the Java child.
  stop.onFurtherRequests(() => print('still stopping: waiting for the emulators to exit ...'));
  stop.dispose();
  await runtime.stop();
  print('stopped.');
}
