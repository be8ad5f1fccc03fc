// Removes the run's temporary database directory.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.DEBRIEF_TEST_DB_DIR;
  if (dir && dir.includes('debrief-browser-')) rmSync(dir, { recursive: true, force: true });
}
