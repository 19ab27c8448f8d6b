import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const read = (path: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../..', path), 'utf8')) as Manifest;
const framework = read('package.json');
const scaffolder = read('packages/create-eventfold/package.json');
const template = read('packages/create-eventfold/template/package.json');

describe('the versions a new project gets', () => {
  it('names the eventfold version being packed: the scaffolder is released with it', () => {
    expect(scaffolder.version).toBe(framework.version);
    expect(template.dependencies?.eventfold).toBe('__EVENTFOLD__');
  });

  it('gives every other package the range eventfold itself is built and tested with', () => {
    // The tested range (a development dependency) wins over the wider range a peer dependency accepts.
    const ranges = {
      ...framework.peerDependencies,
      ...framework.dependencies,
      ...framework.devDependencies,
    };
    const { eventfold: _, ...rest } = { ...template.dependencies, ...template.devDependencies };
    for (const [name, range] of Object.entries(rest)) {
      expect({ name, range }).toEqual({ name, range: ranges[name] });
    }
  });
});
