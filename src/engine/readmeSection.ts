/**
 * For the unit tests that keep a generated part of README.md in step with its source: the part
 * between two markers as README.md has it. With UPDATE_README=1 it is first rewritten to `generated`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function readmeSection(start: string, end: string, generated: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no part between "${start}" and "${end}".`);
  const section = readme.slice(from, to + end.length);
  if (!process.env.UPDATE_README) return section;
  writeFileSync('README.md', readme.replace(section, generated));
  return generated;
}
