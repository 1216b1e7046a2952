/**
 * Where the rule docs pages are, for links in reports (SARIF helpUri): the docs folder installed with the
 * package (`docs/rules/<category>/<name>.md`), as a file:// URL. The project has no published docs site;
 * SARIF's `help.text` names the page too.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DOCS_BASE = `${pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules')).href}/`;
