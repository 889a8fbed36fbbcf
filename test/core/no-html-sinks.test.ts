/**
 * Security rule: nothing in src/ turns a string into markup or code. DOM is built with
 * createElement / textContent / cloneNode only, so no page string can ever become HTML, and no
 * code is evaluated from a string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = path.resolve(process.cwd(), 'src');

/** Sinks that parse HTML or run code from a string, each with why it is banned. */
const FORBIDDEN: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(?:ln)?\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
  { name: 'eval', pattern: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'string timer', pattern: /\bset(?:Timeout|Interval)\s*\(\s*['"`]/ },
];

interface Finding {
  readonly line: number;
  readonly sink: string;
}

/** The forbidden sinks in one file's text, by line. Comments count too: keep them out. */
function findSinks(source: string): Finding[] {
  const findings: Finding[] = [];
  source.split('\n').forEach((text, index) => {
    for (const { name, pattern } of FORBIDDEN) {
      if (pattern.test(text)) findings.push({ line: index + 1, sink: name });
    }
  });
  return findings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|html)$/.test(entry.name) ? [full] : [];
  });
}

describe('the HTML-sink scanner', () => {
  it.each([
    ['element.innerHTML = text;', 'innerHTML'],
    ['const markup = node.outerHTML;', 'outerHTML'],
    ["body.insertAdjacentHTML('beforeend', text);", 'insertAdjacentHTML'],
    ['document.write(text);', 'document.write'],
    ['window.document . writeln(text);', 'document.write'],
    ['range.createContextualFragment(text)', 'createContextualFragment'],
    ['frame.srcdoc = text;', 'srcdoc'],
    ['eval(code);', 'eval'],
    ['const run = new Function("a", code);', 'new Function'],
    ["setTimeout('alert(1)', 0);", 'string timer'],
  ])('finds %s', (line, sink) => {
    expect(findSinks(`const a = 1;\n${line}\n`)).toEqual([{ line: 2, sink }]);
  });

  it('lets safe DOM building through', () => {
    const safe = [
      'span.textContent = text;',
      'holder.append(target.cloneNode(true));',
      "const link = document.createElement('a');",
      'const evaluated = evaluate(x); retrieval(y);',
      'setTimeout(resolve, 0);',
      'documentWriter.flush();',
    ].join('\n');
    expect(findSinks(safe)).toEqual([]);
  });
});

describe('src/', () => {
  const files = sourceFiles(SOURCE_ROOT);

  it('has source files to scan', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('uses no HTML or code sinks', () => {
    const findings = files.flatMap((file) =>
      findSinks(readFileSync(file, 'utf8')).map(
        ({ line, sink }) => `${path.relative(process.cwd(), file)}:${line} ${sink}`,
      ),
    );
    expect(findings).toEqual([]);
  });
});
