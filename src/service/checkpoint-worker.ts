/** The WAL checkpoint thread of the embedded store (see checkpoint.ts). Runs from dist/. */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointTask } from './checkpoint.js';

const { file, everyMs, restartFrames } = workerData as CheckpointTask;
const db = new Database(file);
db.pragma('busy_timeout = 1000');

function checkpoint(): void {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    // The log is long: the serving connection finishes the checkpoint (a few frames left), so the next write starts it anew.
    if (r && r.log >= restartFrames && r.checkpointed >= r.log - restartFrames / 8) parentPort!.postMessage('finish');
  } catch {
    // Busy or locked (another process's checkpoint, a long transaction): the next tick tries again.
  }
}

const timer = setInterval(checkpoint, everyMs);
parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
