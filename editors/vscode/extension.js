// Starts `inboxlint lsp --stdio` for the workspace. Not built in CI: `npm install` here, then F5 in VS Code
// (or `vsce package`). The server does the work; this file only says how to start it and which files it sees.
const path = require('node:path');
const fs = require('node:fs');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function executable(folder) {
  const configured = vscode.workspace.getConfiguration('inboxlint').get('path');
  if (configured) return configured;
  const local = folder && path.join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'inboxlint.cmd' : 'inboxlint');
  return local && fs.existsSync(local) ? local : 'inboxlint';
}

function activate(context) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const config = vscode.workspace.getConfiguration('inboxlint');
  const run = { command: executable(folder), args: ['lsp', '--stdio'], transport: TransportKind.stdio, options: { cwd: folder ? folder.uri.fsPath : undefined, shell: process.platform === 'win32' } };
  client = new LanguageClient('inboxlint', 'inboxlint', { run, debug: run }, {
    documentSelector: ['html', 'handlebars', 'mjml', 'json', 'plaintext'].map((language) => ({ scheme: 'file', language })),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{html,hbs,handlebars,mjml,json,txt}') },
    initializationOptions: { debounceMs: config.get('debounceMs'), ...(config.get('profile') ? { profile: config.get('profile') } : {}) },
  });
  // The verdict and risk of the template in the active editor, in the status bar.
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left);
  context.subscriptions.push(status);
  client.onNotification('inboxlint/verdict', (p) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== p.uri) return;
    status.text = `inboxlint: ${p.verdict.replace('_', ' ')} · risk ${p.risk.toFixed(2)}`;
    status.tooltip = p.summary;
    status.show();
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
