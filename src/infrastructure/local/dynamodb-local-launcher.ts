import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const MAIN_CLASS = 'LoopbackDynamoDbLocal';

/**
 * DynamoDB Local's own main, with two changes: its Jetty connector is bound to 127.0.0.1 (the jar has no option for
 * it and listens on every interface), and it exits when its standard input reaches its end, which happens when the
 * process that started it is gone, even killed with SIGKILL. Reflection keeps the compile to `java.base`.
 */
const LAUNCHER_SOURCE = `import java.lang.reflect.Field;

public class ${MAIN_CLASS} {
  public static void main(String[] args) throws Exception {
    Object proxy = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner")
        .getMethod("createServerFromCommandLineArgs", String[].class)
        .invoke(null, (Object) args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(proxy);
    for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {}
      } catch (java.io.IOException ignored) {
      }
      System.exit(0);
    });
    watchdog.setDaemon(true);
    watchdog.start();
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
`;

function run(command: string, args: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** Compiles the launcher once per source into `cacheDir` (a new folder renamed into place, so racing starts agree). */
async function compiledLauncher(cacheDir: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(LAUNCHER_SOURCE).digest('hex').slice(0, 12);
  const dir = join(cacheDir, `dynamodb-local-launcher-${hash}`);
  if (existsSync(join(dir, `${MAIN_CLASS}.class`))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(`${dir}-`);
  const source = join(work, `${MAIN_CLASS}.java`);
  writeFileSync(source, LAUNCHER_SOURCE);
  const compiled = await run('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-d', work, source]);
  if (!compiled) {
    rmSync(work, { recursive: true, force: true });
    return undefined;
  }
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another start put it there first
  }
  return dir;
}

/**
 * The Java arguments that run DynamoDB Local from `emulatorDir` bound to loopback and tied to its parent: the
 * compiled launcher on the class path (compiled on first use into `cacheDir`), or, when this Java cannot compile
 * (a runtime without the `jdk.compiler` module), the jar's own main with a warning.
 */
export async function dynamoDbLocalLauncher(emulatorDir: string, cacheDir: string): Promise<string[]> {
  const dir = await compiledLauncher(cacheDir).catch(() => undefined);
  if (dir) return ['-cp', ['DynamoDBLocal.jar', dir].join(delimiter), MAIN_CLASS];
  console.warn(
    `DynamoDB Local runs without its launcher (this Java cannot compile ${MAIN_CLASS}): it listens on every ` +
      'interface and outlives a killed parent',
  );
  return ['-jar', join(emulatorDir, 'DynamoDBLocal.jar')];
}
