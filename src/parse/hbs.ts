/**
 * The Handlebars instance every module uses.
 *
 * Handlebars' Node entry (lib/index.js) loads the `source-map` library and builds a real SourceNode tree
 * for every compiled template; its standalone build (dist/handlebars.js, the same version and code,
 * published in the same package) uses a light stub instead, which makes compiling a template about a
 * third faster. We never need source maps of generated template code, so we use the standalone build.
 */
import Handlebars from 'handlebars/dist/handlebars.js';

export default Handlebars;
