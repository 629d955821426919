/**
 * The README's SDK example is real code (issue 5): the file under examples/ compiles with the
 * project (so CI type-checks it), appears verbatim in README.md (with the package import), and
 * runs here against a real relay and real profile folders.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { twoPeople } from '../../examples/twoPeople.js';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
test('the README shows examples/twoPeople.ts verbatim, importing from the package', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const example = (await readFile(join(ROOT, 'examples/twoPeople.ts'), 'utf8')).replace("from '../src/index.js'", "from 'saltline'");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(blocks.includes(example), 'README.md must contain examples/twoPeople.ts (with `from "saltline"`) as a ```ts block');
});
test('the README example runs: invitation, verification, messages both ways', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-example-'));
    try {
        const seen = await twoPeople(dir);
        assert.ok(seen.includes('Alice got "Hello Alice!" from Bob'));
        assert.ok(seen.includes('Bob got "Hi Bob, got it." from Alice'));
        assert.ok(seen.includes('Bob: Hello Alice! [received]'));
        assert.ok(seen.some((l) => /^me: Hi Bob, got it\. \[(sent|delivered)\]$/.test(l)));
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=readme.test.js.map