/**
 * Indexing progress: a live bar on a terminal (cli-progress: redraws, ETA, no hand-rolled ANSI),
 * a plain log line every few seconds otherwise (CI logs, pipes).
 */
import cliProgress from 'cli-progress';
import type { IndexProgress } from '../indexer/indexer.js';
import type { Logger } from '../log.js';

export interface ProgressReporter {
  update(progress: IndexProgress): void;
  stop(): void;
}

function rate(count: number, since: number): number {
  const seconds = (Date.now() - since) / 1000;
  return seconds > 0 ? Math.round(count / seconds) : 0;
}

export function createProgressReporter(log: Logger, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: ' {bar} {percentage}% | files {filesDone}/{filesTotal} | {articles} articles | {paragraphs} paragraphs | {rate} para/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(p) {
        const payload = { ...p, rate: rate(p.paragraphs, started) };
        if (!begun) {
          bar.start(Math.max(p.bytesTotal, 1), p.bytesDone, payload);
          begun = true;
        } else bar.update(p.bytesDone, payload);
      },
      stop() {
        if (begun) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < 2_000 && p.filesDone < p.filesTotal) return;
      last = Date.now();
      log.info({ files: `${p.filesDone}/${p.filesTotal}`, articles: p.articles, paragraphs: p.paragraphs, paragraphsPerSecond: rate(p.paragraphs, started) }, 'indexing');
    },
    stop() {},
  };
}
