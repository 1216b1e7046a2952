export * from './core/types.js';
export * from './core/line-index.js';
export * from './core/probe-port.js';
