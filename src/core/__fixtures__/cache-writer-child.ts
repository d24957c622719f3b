/**
 * Child process for the cache crash test (`cache-crash.hardening.test.ts`): opens a watching
 * library on `argv[2]` with its cache in `argv[3]`, says `ready` on stdout, then keeps editing one
 * post of the (temporary) folder so the library rewrites its cache over and over, until the test
 * kills it with SIGKILL at some arbitrary moment.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLibrary } from '../library';

const [folder, cacheDir] = process.argv.slice(2);
if (!folder || !cacheDir) throw new Error('cache-writer-child: usage: <folder> <cacheDir>');

const library = await openLibrary({
  folder,
  cacheDir,
  watch: true,
  shardCount: 2,
  cacheWriteDelayMs: 0,
  presenceIntervalMs: 60_000,
});
await library.whenReady();
process.stdout.write('ready\n');
for (let edit = 0; ; edit += 1) {
  await writeFile(
    join(folder, '_posts', '2024-01-01-changing.md'),
    `---\ntitle: Changing post ${edit}\n---\n<p>Edit number ${edit} of the changing post.</p>\n`,
  );
  await new Promise((resolve) => setTimeout(resolve, 15));
}
