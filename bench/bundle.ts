/**
 * Bytes that ship: JavaScript and CSS after gzip, split into what the first view needs
 * (entry script, its modulepreloads and stylesheets referenced by index.html) and what loads
 * lazily (every other chunk).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  firstJsGzip: number;
  lazyJsGzip: number;
  firstCssGzip: number;
  lazyCssGzip: number;
  files: { file: string; gzip: number; first: boolean }[];
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Measure a built `dist/` folder. */
export function measureBundle(distDir: string): BundleFigures {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] as string),
  );
  const figures: BundleFigures = {
    firstJsGzip: 0,
    lazyJsGzip: 0,
    firstCssGzip: 0,
    lazyCssGzip: 0,
    files: [],
  };
  for (const name of readdirSync(join(distDir, 'assets'))) {
    const file = `assets/${name}`;
    const size = gz(join(distDir, file));
    const first = referenced.has(file);
    if (name.endsWith('.js')) {
      if (first) figures.firstJsGzip += size;
      else figures.lazyJsGzip += size;
    } else if (name.endsWith('.css')) {
      if (first) figures.firstCssGzip += size;
      else figures.lazyCssGzip += size;
    } else continue;
    figures.files.push({ file, gzip: size, first });
  }
  figures.files.sort((a, b) => b.gzip - a.gzip);
  return figures;
}
