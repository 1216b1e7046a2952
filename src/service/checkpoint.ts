/**
 * WAL checkpoints of the embedded store (SQLite) on a thread of their own.
 *
 * SQLite copies the write-ahead log back into the database file (a checkpoint) in the transaction that
 * takes the log past `wal_autocheckpoint` pages, and with `synchronous = NORMAL` a checkpoint syncs the log
 * and the database file: in `serve` that blocked the event loop for 45–75 ms (up to ~180) every ~110
 * reviews of a 30 KB template, and every request in flight waited it out. Here a thread with its own
 * connection runs a PASSIVE checkpoint every `everyMs`: it copies and syncs without blocking the writer.
 * But while writes keep coming such a checkpoint never ends with the whole log copied, and only then does
 * the next write start the log anew; so once the log holds `restartFrames` frames and the thread has
 * copied nearly all of them, it asks the serving connection (`finish`) to run one PASSIVE checkpoint
 * itself: a few frames left to copy and no write of its own in between, so it completes and the log
 * restarts. The serving connection keeps SQLite's own checkpoints as a backstop, at four times that size.
 * Durability is unchanged: a commit is in the log before it is acknowledged, and checkpoints sync as
 * before. Measured (/tmp bench of the store's write path per review, 2,500 reviews, paced): event-loop time
 * in the store 0.48–0.64 ms a review instead of 1.54–1.76, p99 1–5 ms instead of ~50.
 */
import { Worker } from 'node:worker_threads';
import { workerFile } from '../node/worker-file.js';

export interface CheckpointOptions {
  /** Milliseconds between PASSIVE checkpoints (default 100). */
  everyMs?: number;
  /** Log frames (pages) from which the serving connection finishes a checkpoint (default 1024: 16 MB of 16 KB pages). */
  restartFrames?: number;
}

export interface CheckpointTask {
  file: string;
  everyMs: number;
  restartFrames: number;
}

export interface Checkpointer {
  /** The serving connection's `wal_autocheckpoint` backstop, in pages. */
  readonly backstopPages: number;
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, finish: () => void, o: CheckpointOptions = {}): Checkpointer {
  const task: CheckpointTask = { file, everyMs: o.everyMs ?? 100, restartFrames: o.restartFrames ?? 1024 };
  const worker = new Worker(workerFile(import.meta.url, 'service/checkpoint-worker.js'), { workerData: task });
  worker.unref();
  worker.on('message', () => {
    try {
      finish();
    } catch {
      // Busy (another process's checkpoint): the thread asks again.
    }
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => ((exited = true), resolve())));
  // A thread that failed leaves the backstop: SQLite's own checkpoints on the serving connection.
  worker.on('error', (e) => console.error(`inboxlint: WAL checkpoints: ${e.message}`));
  let stopping: Promise<void> | undefined;
  return {
    backstopPages: task.restartFrames * 4,
    stop: () =>
      (stopping ??= (async () => {
        if (!exited) worker.postMessage('stop');
        await exit;
      })()),
  };
}
