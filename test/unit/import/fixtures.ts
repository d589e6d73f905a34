// Shared by the import tests: where the fixtures are, and reading them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importText } from '../../../common/src/import';

export const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/import');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

export function load(name: string, format: ImportFormat | 'auto'): ImportResult {
  return importText(fixture(name), format);
}

/** Regions as compact tuples, for exact comparisons. */
export function regions(r: ImportResult): [bigint, bigint, string, string | undefined, number][] {
  return r.regions.map((x) => [x.start, x.end, x.type, x.label, x.line]);
}
