/**
 * A concurrency limiter with a global limit and a per-host limit. p-limit has no per-key limit, and
 * this is 40 lines, so it is written here.
 */
export interface Limiter {
  /** Runs `task` when fewer than `concurrency` tasks run in all and fewer than `perHost` for `host`. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

interface Waiting {
  host: string;
  start: () => void;
}

export function createLimiter(concurrency: number, perHost: number): Limiter {
  if (!(concurrency >= 1) || !(perHost >= 1)) throw new RangeError('concurrency limits must be at least 1');
  const queue: Waiting[] = [];
  const byHost = new Map<string, number>();
  let active = 0;

  const next = (): void => {
    for (let i = 0; i < queue.length && active < concurrency; ) {
      const w = queue[i]!;
      if ((byHost.get(w.host) ?? 0) < perHost) {
        queue.splice(i, 1);
        active++;
        byHost.set(w.host, (byHost.get(w.host) ?? 0) + 1);
        w.start();
      } else {
        i++;
      }
    }
  };

  return {
    run<T>(host: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          host,
          start: () => {
            Promise.resolve()
              .then(task)
              .then(resolve, reject)
              .finally(() => {
                active--;
                const n = (byHost.get(host) ?? 1) - 1;
                if (n === 0) byHost.delete(host);
                else byHost.set(host, n);
                next();
              });
          },
        });
        next();
      });
    },
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
  };
}
