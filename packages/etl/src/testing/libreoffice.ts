/**
 * Files written by real office software for the specs: LibreOffice Calc (Debian's
 * `libreoffice-calc-nogui`, `soffice`) converts workbooks to .xls (Excel 97–2003) or re-saves
 * them as .xlsx, the way a department's office suite writes them. Each call uses its own
 * LibreOffice profile, so parallel test files do not share one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const FILTERS = { xls: 'xls:MS Excel 97', xlsx: 'xlsx:Calc MS Excel 2007 XML' } as const;

/** Converts each file (named by its extension: .xlsx, .csv …) in one LibreOffice run; returns the converted bytes in order. */
export async function saveWithLibreOffice(files: ReadonlyArray<{ name: string; bytes: Buffer }>, to: keyof typeof FILTERS): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planwatch-soffice-'));
  try {
    const inputs = await Promise.all(
      files.map(async (file, i) => {
        const input = path.join(dir, `in${i}-${file.name}`);
        await writeFile(input, file.bytes);
        return input;
      }),
    );
    const out = path.join(dir, 'out');
    await promisify(execFile)(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--convert-to', FILTERS[to], '--outdir', out, ...inputs],
      { timeout: 180_000 },
    );
    return await Promise.all(inputs.map((input) => readFile(path.join(out, `${path.basename(input, path.extname(input))}.${to}`))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
