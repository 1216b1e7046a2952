/**
 * The language server (`inboxlint lsp --stdio`), built on the library API.
 *
 * - Diagnostics for `.html`, `.hbs`, `.mjml`, provider `.json` and their sidecars (`.txt`, `.data.json`,
 *   `.schema.json`, `.meta.json`), as you type (debounced per template). Open buffers win over the disk, so
 *   editing `welcome.data.json` re-reviews `welcome.mjml` with the unsaved data; each finding is published on
 *   the file it points into.
 * - The verdict and risk: an Information diagnostic at the start of the template (code `inboxlint/verdict`;
 *   when the risk decided it, what drove the risk, each driver a related location) and an
 *   `inboxlint/verdict` notification `{ uri, verdict, risk, summary }`.
 * - Quick fixes from the rules' fixes and suggestions; "disable for this line" (an
 *   `inboxlint-disable-next-line <rule>` comment above the line, in the file's comment syntax).
 * - Hover on a finding: the message, why the rule exists, and a link to its docs page.
 * - Offline: URL checks answer only from the URL cache (`.inboxlint-cache/urls.json`), never a request.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lsp from 'vscode-languageserver/node.js';
import type { CodeAction, Diagnostic, Hover, InitializeParams, InitializeResult, Range, TextEdit } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Reviewer, ConfigError, driverLabel, riskDrivers, type FileEdit, type Finding, type Report, type Review, type RuleInfo } from '../index.js';

const { createConnection, TextDocuments, ProposedFeatures, DiagnosticSeverity, CodeActionKind, TextDocumentSyncKind, MarkupKind } = lsp;

export const VERDICT_CODE = 'inboxlint/verdict';
const DEFAULT_DEBOUNCE_MS = 150;
/** Files the server reviews (or that belong to a template it reviews). */
const WATCHED = /\.(html|hbs|handlebars|mjml|json|txt)$/i;

interface Published {
  /** The review that produced these diagnostics. */
  review: Review;
  primary: string;
  /** The findings shown in this file (none for the verdict). */
  items: { finding?: Finding; diagnostic: Diagnostic }[];
}

export interface LspOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Run the server until the client asks it to exit. */
export function runLsp(argv: string[], options: LspOptions = {}): Promise<number> {
  const connection =
    options.input && options.output
      ? createConnection(ProposedFeatures.all, options.input, options.output)
      : // --stdio (the only transport editors need here); createConnection reads the flag from process.argv
        createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  void argv;
  const documents = new TextDocuments(TextDocument);
  let reviewer: Reviewer | undefined;
  let rules = new Map<string, RuleInfo>();
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  /** Pending reviews per template: a timer (debounce), or an immediate when the debounce is 0 (a 0 ms timer waits 1 ms). */
  const timers = new Map<string, { cancel(): void }>();
  const later = (fn: () => void): { cancel(): void } => {
    if (debounceMs > 0) {
      const t = setTimeout(fn, debounceMs);
      return { cancel: () => clearTimeout(t) };
    }
    const i = setImmediate(fn);
    return { cancel: () => clearImmediate(i) };
  };
  /** The latest review request per template: older results are dropped. */
  const generation = new Map<string, number>();
  /** Diagnostics by document URI, and the files each template last published to. */
  const published = new Map<string, Published>();
  const publishedBy = new Map<string, Set<string>>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const cwd = root ? fileURLToPath(root) : process.cwd();
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; profile?: string };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    const base = { cwd, checkUrls: 'cache' as const, ...(init.profile ? { profile: init.profile } : {}) };
    try {
      reviewer = new Reviewer(base);
    } catch (e) {
      // A broken config must not leave the editor without diagnostics: review with the defaults and say why.
      reviewer = new Reviewer({ ...base, config: false });
      const why = e instanceof ConfigError ? `config error: ${e.message}` : (e as Error).message;
      setImmediate(() => void connection.window.showWarningMessage(`inboxlint: ${why} (reviewing with the defaults)`));
    }
    rules = new Map(reviewer.rules().map((r) => [r.id, r]));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'inboxlint' },
    };
  });

  const schedule = (uri: string): void => {
    if (!uri.startsWith('file:') || !WATCHED.test(uri)) return;
    const file = fileURLToPath(uri);
    void reviewer
      ?.templateFor(file)
      .then((primary) => {
        if (!primary) return;
        timers.get(primary)?.cancel();
        const n = (generation.get(primary) ?? 0) + 1;
        generation.set(primary, n);
        timers.set(
          primary,
          later(() => {
            timers.delete(primary);
            void run(primary, n);
          }),
        );
      })
      .catch((e: unknown) => connection.console.error(`inboxlint: ${(e as Error).message}`));
  };

  const run = async (primary: string, n: number): Promise<void> => {
    if (!reviewer) return;
    const texts = new Map<string, string>();
    for (const d of documents.all()) if (d.uri.startsWith('file:')) texts.set(fileURLToPath(d.uri), d.getText());
    let review: Review | undefined;
    try {
      review = await reviewer.inspect({ file: primary, texts });
    } catch (e) {
      connection.console.error(`inboxlint: ${primary}: ${(e as Error).message}`);
      return;
    }
    if (generation.get(primary) !== n) return; // a newer edit is on its way
    for (const f of review?.ruleFailures ?? []) connection.console.error(`inboxlint: rule ${f.ruleId} failed on ${primary}: ${f.message}`);
    publish(primary, review);
  };

  const absolute = (p: string): string => path.resolve(reviewer?.cwd ?? process.cwd(), p);

  const publish = (primary: string, review: Review | undefined): void => {
    const byUri = new Map<string, Published>();
    const primaryUri = pathToFileURL(primary).href;
    if (review) {
      const { report } = review;
      byUri.set(primaryUri, { review, primary, items: [] });
      for (const f of report.findings) {
        const uri = pathToFileURL(absolute(f.path)).href;
        let entry = byUri.get(uri);
        if (!entry) byUri.set(uri, (entry = { review, primary, items: [] }));
        entry.items.push({ finding: f, diagnostic: toDiagnostic(f, rules.get(f.ruleId)) });
      }
      const verdict = verdictDiagnostic(report, (part) => {
        const file = report.files[part]?.path;
        return file ? pathToFileURL(absolute(file)).href : undefined;
      });
      byUri.get(primaryUri)!.items.unshift({ diagnostic: verdict });
      void connection.sendNotification(VERDICT_CODE, { uri: primaryUri, verdict: report.decision.verdict, risk: report.decision.risk, summary: report.decision.summary });
    }
    // Files this template published to before and not now are cleared.
    for (const uri of publishedBy.get(primary) ?? []) {
      if (!byUri.has(uri) && published.get(uri)?.primary === primary) {
        published.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    publishedBy.set(primary, new Set(byUri.keys()));
    for (const [uri, entry] of byUri) {
      published.set(uri, entry);
      void connection.sendDiagnostics({ uri, diagnostics: entry.items.map((i) => i.diagnostic) });
    }
  };

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  // Closing a buffer: the disk's text counts again.
  documents.onDidClose((e) => schedule(e.document.uri));
  connection.onDidChangeWatchedFiles((e) => e.changes.forEach((c) => schedule(c.uri)));

  connection.onCodeAction((params): CodeAction[] => {
    const entry = published.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!entry || !doc) return [];
    const actions: CodeAction[] = [];
    for (const { finding, diagnostic } of entry.items) {
      if (!finding || !overlaps(diagnostic.range, params.range)) continue;
      const { fix, suggestions } = entry.review.edits(finding);
      const edit = (e: FileEdit): TextEdit[] | undefined => (pathToFileURL(absolute(e.path)).href === doc.uri ? [{ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }] : undefined);
      const add = (title: string, e: FileEdit, preferred: boolean) => {
        const edits = edit(e);
        if (edits) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: edits } } });
      };
      if (fix) add(`Fix: ${finding.message}`, fix, true);
      for (const s of suggestions) add(s.title, s.edit, false);
      const disable = disableComment(doc, finding);
      if (disable) actions.push({ title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: [disable] } } });
    }
    return actions;
  });

  connection.onHover((params): Hover | null => {
    const entry = published.get(params.textDocument.uri);
    if (!entry) return null;
    const hits = entry.items.filter((i) => i.finding && contains(i.diagnostic.range, params.position));
    if (!hits.length) return null;
    const decision = entry.review.report.decision;
    const value = hits
              .map(({ finding }) => {
        const f = finding!;
        const rule = rules.get(f.ruleId);
        return [`**${f.ruleId}** (${f.severity}, ${f.kind})`, '', f.message, ...(f.evidence ? ['', `Evidence: \`${f.evidence.replace(/`/g, "'")}\``] : []), ...(rule ? ['', `Why: ${rule.description}`, '', `[Documentation](${rule.docs})`] : [])].join('\n');
      })
      .concat(`---\nTemplate: **${decision.verdict}**, risk ${decision.risk.toFixed(2)} — ${decision.summary}`)
      .join('\n\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: hits[0]!.diagnostic.range };
  });

  connection.onShutdown(async () => {
    for (const t of timers.values()) t.cancel();
    await reviewer?.close();
  });

  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve(0));
    connection.listen();
  });
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

function toDiagnostic(f: Finding, rule: RuleInfo | undefined): Diagnostic {
  return {
    range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
    severity: SEVERITY[f.severity],
    source: 'inboxlint',
    code: f.ruleId,
    ...(rule ? { codeDescription: { href: rule.docs } } : {}),
    message: f.message,
    data: { fingerprint: f.fingerprint },
  };
}

/**
 * The verdict at the start of the template. When the risk decided it, the message names what drove the risk
 * and each driver found in the template is a related location, so the editor can jump to it.
 */
function verdictDiagnostic(report: Report, uriOf: (part: Finding['part']) => string | undefined): Diagnostic {
  const d = report.decision;
  const drivers = riskDrivers(d, 5);
  const related = drivers.flatMap((x) => {
    const uri = x.part && x.line !== undefined && x.column !== undefined ? uriOf(x.part) : undefined;
    if (!uri) return [];
    const start = { line: x.line! - 1, character: x.column! - 1 };
    return [{ location: { uri, range: { start, end: start } }, message: `${driverLabel(x)} raised the risk (+${x.weight})` }];
  });
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: d.verdict === 'approved' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Information,
    source: 'inboxlint',
    code: VERDICT_CODE,
    message: `inboxlint: ${d.verdict.replace('_', ' ')}, risk ${d.risk.toFixed(2)} — ${d.summary}${drivers.length ? `; driven by ${drivers.map(driverLabel).join(', ')}` : ''}`,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

/**
 * An `inboxlint-disable-next-line <rule>` comment above the finding's line, indented like it: `{{!-- --}}` in
 * Handlebars files, `<!-- -->` in HTML and MJML. JSON has no comments: none there.
 */
function disableComment(doc: TextDocument, f: Finding): TextEdit | undefined {
  const lower = doc.uri.toLowerCase();
  const hbs = /\.(hbs|handlebars)$/.test(lower);
  if (!hbs && !/\.(html|mjml)$/.test(lower)) return undefined;
  const line = f.line - 1;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  const comment = hbs ? `{{!-- inboxlint-disable-next-line ${f.ruleId} --}}` : `<!-- inboxlint-disable-next-line ${f.ruleId} -->`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}\n` };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return before(a.start, b.end) && before(b.start, a.end);
}

function contains(r: Range, p: { line: number; character: number }): boolean {
  return before(r.start, p) && before(p, r.end);
}
