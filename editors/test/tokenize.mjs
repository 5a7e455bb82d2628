// Tokenizes .chaos files with editors/chaos.tmLanguage.json, using the TextMate engine and the
// Oniguruma regex library that VS Code itself uses, and prints one token a line:
//   LINE:COL <TAB> "text" <TAB> scopes (outermost first, source.chaos left out)
// Adjacent tokens with the same scopes are merged, so the output shows what a theme colours.
//
//   npm install                      (once, in this folder)
//   node tokenize.mjs FILE...        print the tokens
//   node tokenize.mjs --write        rewrite the snapshots (snapshots/*.tokens) of SNAPSHOTTED
//   node tokenize.mjs --check        exit 1 if a snapshot differs from the grammar's output
//
// TextMateGrammarTest (the Maven suite) reads the same snapshots and checks that its own small
// tokenizer agrees with this one, so a grammar change needs `--write` here and a look at the diff.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const grammarPath = path.join(root, 'editors', 'chaos.tmLanguage.json');
const SNAPSHOTTED = ['runbooks/pod-failure.chaos', 'editors/test/sample.chaos'];

const require = createRequire(import.meta.url);
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
await oniguruma.loadWASM(wasm);

const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) => scopeName === 'source.chaos'
    ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
    : null,
});
const grammar = await registry.loadGrammar('source.chaos');

function tokenize(text) {
  const out = [];
  let state = vsctm.INITIAL;
  text.replace(/\r?\n$/, '').split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const merged = [];
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (end <= token.startIndex) continue;
      const scopes = token.scopes.slice(1).join(' ');
      const last = merged[merged.length - 1];
      if (last && last.scopes === scopes) {
        last.end = end;
      } else {
        merged.push({ start: token.startIndex, end, scopes });
      }
    }
    for (const t of merged) {
      out.push(`${index + 1}:${t.start + 1}\t${JSON.stringify(line.slice(t.start, t.end))}\t${t.scopes}`);
    }
  });
  return out.join('\n') + '\n';
}

const snapshotOf = (file) => path.join(here, 'snapshots', path.basename(file, '.chaos') + '.tokens');
const args = process.argv.slice(2);
if (args[0] === '--write' || args[0] === '--check') {
  let differs = 0;
  for (const file of SNAPSHOTTED) {
    const actual = tokenize(fs.readFileSync(path.join(root, file), 'utf8'));
    const snapshot = snapshotOf(file);
    if (args[0] === '--write') {
      fs.mkdirSync(path.dirname(snapshot), { recursive: true });
      fs.writeFileSync(snapshot, actual);
      console.log(`wrote ${path.relative(root, snapshot)}`);
    } else if (!fs.existsSync(snapshot) || fs.readFileSync(snapshot, 'utf8') !== actual) {
      console.error(`${path.relative(root, snapshot)} differs from the tokens of ${file}: run node tokenize.mjs --write and review the diff`);
      differs++;
    }
  }
  process.exit(differs ? 1 : 0);
}
if (args.length === 0) {
  console.error('usage: node tokenize.mjs FILE... | --write | --check');
  process.exit(2);
}
for (const file of args) {
  process.stdout.write(tokenize(fs.readFileSync(file, 'utf8')));
}
