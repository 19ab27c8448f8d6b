// @ts-check
const { basename, resolve } = require('node:path');

/** What npm accepts as the name of an unscoped package. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_NAME_LENGTH = 214;

/**
 * The project's package name (the target directory's last segment) and its stack name, or why it cannot be one.
 * @param {string} target the project directory as given
 * @param {string} cwd
 * @returns {{ ok: true, dir: string, name: string, stackName: string } | { ok: false, reason: string }}
 */
function projectName(target, cwd) {
  const dir = resolve(cwd, target);
  const name = basename(dir);
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `the name has ${name.length} characters, npm allows ${MAX_NAME_LENGTH}` };
  }
  if (!PACKAGE_NAME.test(name)) {
    return {
      ok: false,
      reason: `"${name}" is not an npm package name: lower-case letters, digits, ".", "_" and "-", starting with a letter or digit`,
    };
  }
  return { ok: true, dir, name, stackName: stackNameOf(name) };
}

/**
 * A CloudFormation stack name from a package name: `my-app` becomes `MyApp` (letters and digits, a letter first).
 * @param {string} name
 */
function stackNameOf(name) {
  const words = name.split(/[^a-z0-9]+/).filter(Boolean);
  const pascal = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(pascal) ? pascal : `App${pascal}`;
}

module.exports = { projectName, stackNameOf };
