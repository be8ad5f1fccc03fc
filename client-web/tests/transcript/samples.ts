// Reads the hand-written transcripts in samples/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sample(name: string): string {
  return readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');
}
