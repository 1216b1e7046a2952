/**
 * CommonJS dependencies loaded with require(). When an ES module imports a CommonJS file, Node first runs its
 * CommonJS export lexer over the whole file to find named exports; for large single-file bundles that costs
 * more than loading them (handlebars' 216 KB standalone build: ~90 ms against ~10 ms on the loaded 2-core
 * machine; tldts' 199 KB bundle the same). This loads code of the package's dependencies, as `import`
 * does: it reads no template, config or other input (the exception to the no-I/O rule, eslint.config.js).
 */
import { createRequire } from 'node:module';

export const requireDependency: (id: string) => unknown = createRequire(import.meta.url);
