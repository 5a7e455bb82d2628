// Starts `chaos lsp` (the language server of the `chaos` tool) over stdio for .chaos files.
// Everything else, highlighting aside, comes from the server: diagnostics, hover, completion,
// definitions, references, symbols, formatting and code actions.
'use strict';

const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const CLIENT_ID = 'chaos'; // vscode-languageclient reads `chaos.trace.server` from this id
let client;

// `chaos` is looked up on PATH; a relative path with a slash (`bin/chaos`, the launcher of a
// checkout) is taken from the first workspace folder.
function executable() {
  const configured = (vscode.workspace.getConfiguration('chaos').get('path') || '').trim();
  if (!configured) {
    return 'chaos';
  }
  const folders = vscode.workspace.workspaceFolders;
  if (/[\\/]/.test(configured) && !path.isAbsolute(configured) && folders && folders.length > 0) {
    return path.join(folders[0].uri.fsPath, configured);
  }
  return configured;
}

// `chaos check`'s options, as the server reads them from `initializationOptions` (docs/lsp.md).
function checkOptions() {
  const settings = vscode.workspace.getConfiguration('chaos');
  const options = { strict: settings.get('strict') === true };
  if (settings.get('as')) {
    options.as = settings.get('as');
  }
  return options;
}

async function start() {
  const command = executable();
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(CLIENT_ID, 'Chaos language server', { run, debug: run }, {
    documentSelector: [
      { scheme: 'file', language: 'chaos' },
      { scheme: 'untitled', language: 'chaos' },
    ],
    initializationOptions: checkOptions(),
    synchronize: {
      // Imports: a module changed on disk changes the diagnostics of the files importing it.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.chaos'),
    },
  });
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const open = 'Open settings';
    const choice = await vscode.window.showErrorMessage(
      `Chaos: could not start \`${command} lsp\` (${error && error.message ? error.message : error}). ` +
        'Set `chaos.path` to the chaos executable (for example the bin/chaos of a checkout).',
      open);
    if (choice === open) {
      vscode.commands.executeCommand('workbench.action.openSettings', 'chaos.path');
    }
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('chaos.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['chaos.path', 'chaos.strict', 'chaos.as'].some((key) => event.affectsConfiguration(key))) {
        restart();
      }
    }),
    { dispose: () => stop() });
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
