// Starts a language server the way the VS Code extension does (`CHAOS lsp --stdio`, JSON-RPC
// over stdio, with the protocol library vscode-languageclient is built on), opens a runbook with
// a mistake and prints the server's capabilities and the diagnostics it publishes.
//
//   cd ../vscode && npm install && cd ../test
//   node lsp-smoke.mjs [CHAOS...]     default: chaos; e.g. ../../bin/chaos, or java -jar chaos.jar
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'vscode', 'package.json'));
const rpc = require('vscode-jsonrpc/node');

const command = process.argv.length > 2 ? process.argv.slice(2) : ['chaos'];
const server = spawn(command[0], [...command.slice(1), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
const file = path.join(here, 'smoke.chaos');
const uri = pathToFileURL(file).href;
const text = 'runbook "smoke" {\n  step "kill" {\n    k8s.kill_pod(k8s.selector("ns", "a=b"), fraction: 30%)\n  }\n}\n';

const timer = setTimeout(() => { console.error('no diagnostics within 60s'); process.exit(1); }, 60000);
connection.onNotification('textDocument/publishDiagnostics', async (params) => {
  if (params.uri !== uri) return;
  console.log('diagnostics:', JSON.stringify(params.diagnostics.map((d) => ({
    line: d.range.start.line + 1, character: d.range.start.character + 1, code: d.code, message: d.message }))));
  clearTimeout(timer);
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  setTimeout(() => process.exit(params.diagnostics.length > 0 ? 0 : 1), 500);
});
connection.listen();
const init = await connection.sendRequest('initialize', {
  processId: process.pid, rootUri: pathToFileURL(here).href, capabilities: {}, workspaceFolders: null });
console.log('server:', JSON.stringify(init.serverInfo), 'capabilities:', Object.keys(init.capabilities).join(', '));
connection.sendNotification('initialized', {});
connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'chaos', version: 1, text } });
