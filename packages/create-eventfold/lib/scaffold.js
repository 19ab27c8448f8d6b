// @ts-check
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** The project's files, as they are copied (placeholders replaced, `gitignore` renamed). */
const TEMPLATE_DIR = join(__dirname, '..', 'template');
/** npm leaves `.gitignore` files out of a package, so the template keeps it under another name. */
const RENAMED = new Map([['gitignore', '.gitignore']]);

/**
 * Why `dir` cannot receive a new project, or undefined when it can (missing, or an empty directory).
 * @param {string} dir
 * @returns {string | undefined}
 */
function targetProblem(dir) {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return `${dir} exists and is not a directory`;
  const entries = readdirSync(dir);
  if (entries.length === 0) return undefined;
  return `${dir} is not empty (${entries.length} entries, e.g. ${entries.slice(0, 3).join(', ')}): choose a new directory`;
}

/**
 * @param {string} dir
 * @returns {string[]} the files below `dir`, relative to it
 */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesBelow(join(dir, entry.name)).map((file) => join(entry.name, file))
      : [entry.name],
  );
}

/**
 * The project's package.json: the template's, with the project's name and the eventfold dependency.
 * @param {string} text the template's package.json
 * @param {{ name: string, eventfold: string }} project
 */
function packageJson(text, project) {
  const pkg = JSON.parse(text);
  pkg.name = project.name;
  pkg.dependencies.eventfold = project.eventfold;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/**
 * Writes a new project into `project.dir` and returns the files written (relative to it).
 * @param {{ dir: string, name: string, stackName: string, eventfold: string }} project
 * @returns {string[]}
 */
function scaffold(project) {
  const written = [];
  for (const file of filesBelow(TEMPLATE_DIR)) {
    const text = readFileSync(join(TEMPLATE_DIR, file), 'utf8');
    const out = RENAMED.get(file) ?? file;
    const content =
      file === 'package.json'
        ? packageJson(text, project)
        : text.replaceAll('__NAME__', project.name).replaceAll('__STACK_NAME__', project.stackName);
    mkdirSync(dirname(join(project.dir, out)), { recursive: true });
    writeFileSync(join(project.dir, out), content);
    written.push(out);
  }
  return written.sort();
}

module.exports = { TEMPLATE_DIR, scaffold, targetProblem };
