/** A configuration problem: names the file and the JSON pointer (and line when known). */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${pointer || '/'} ${detail}`);
    this.name = 'ConfigError';
  }
}
