import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForNode } from '../../../bench/lib/bundle';
import { transformerMetadata } from '../../../src/domain/class-transformer-storage';

describe("class-transformer's metadata storage for the direct paths", () => {
  it('is found under Node, so flat classes skip the generic walk', () => {
    expect(transformerMetadata()).toBeDefined();
  });

  it('is found in a bundle built as the construct builds functions, and decorators still apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flat-transform-'));
    try {
      const file = bundleForNode(join(__dirname, 'flat-transform-probe.fixture.ts'), 'probe', { dir });
      const seen = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' })) as unknown;
      expect(seen).toEqual({ live: true, flat: true, shouted: 'A', plain: { name: 'B' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
