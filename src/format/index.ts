import type { Formatter } from './types.js';
import { json } from './json.js';
import { stylish } from './stylish.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { junit } from './junit.js';
import { checkstyle } from './checkstyle.js';
import { githubAnnotations, githubSummary } from './github-summary.js';

export type { Formatter, FormatContext } from './types.js';

export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, junit, checkstyle, 'github-annotations': githubAnnotations, 'github-summary': githubSummary };
