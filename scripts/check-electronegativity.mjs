// Runs @doyensec/electronegativity on the app's source (electron/, renderer/, shared/) and fails on any finding
// above INFORMATIONAL, because the tool itself exits 0 even with HIGH findings. A finding may pass only if it is
// listed, with the reason, in electron/security/electronegativity-reviewed.json at its exact place (file, line,
// column and the code on that line); a listed entry that no longer matches anything fails too, so the list cannot
// rot, and a second finding of the same kind in a reviewed file is not waved through by the first one's review.
//
// The tool also lets things through without a word, so this gate fails on each of them:
// - `eng-disable` comments, which hide findings from the tool's own report (a review goes in the list instead);
// - files it could not parse (it drops them and carries on), e.g. syntax newer than its parser;
// - script files it never reads or reads with a JavaScript parser (.mts, .cts, .mjs, .cjs, .jsx): the app's
//   source is TypeScript in .ts/.tsx.
// The CSP, which the tool cannot read from a shared constant, is evaluated here with the same evaluator it uses
// (@doyensec/csp-evaluator).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const reviewedFile = 'electron/security/electronegativity-reviewed.json';
const reviewed = JSON.parse(readFileSync(reviewedFile, 'utf8'));
const electronVersion = require('electron/package.json').version;
const electronegativity = require('@doyensec/electronegativity');

// --root DIR scans another tree (the test uses it to prove a bad window fails the check).
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag > 0 ? process.argv[rootFlag + 1] : '.';

const notChecked = new Set(['.mts', '.cts', '.mjs', '.cjs', '.jsx']);
// The tool honours these in // and /* */ comments (first line of a file or the finding's line) and in HTML comments.
const engDisable = /(?:\/\/|\/\*|<!--)[ \t]*eng-disable/i;

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const stage = mkdtempSync(join(tmpdir(), 'qa-electronegativity-'));
const problems = [];
const toPosix = (path) => path.split(sep).join('/');
try {
  for (const dir of ['electron', 'renderer', 'shared']) {
    if (!existsSync(join(root, dir))) continue;
    cpSync(join(root, dir), join(stage, dir), { recursive: true, filter: (src) => !src.includes('node_modules') });
  }
  cpSync('package.json', join(stage, 'package.json'));

  const sourceLines = new Map();
  for (const file of filesUnder(stage)) {
    const name = toPosix(relative(stage, file));
    if (notChecked.has(extname(file).toLowerCase())) {
      problems.push(`${name} is not checked by electronegativity (it reads only .ts/.tsx as TypeScript): rename it`);
    }
    const lines = readFileSync(file, 'utf8').split('\n');
    sourceLines.set(name, lines);
    lines.forEach((line, i) => {
      if (engDisable.test(line)) {
        problems.push(`eng-disable comment in ${name}:${i + 1}: list the finding in ${reviewedFile} with a reason`);
      }
    });
  }
  const codeAt = (file, line) => sourceLines.get(file)?.[line - 1]?.trim();

  const { errors, issues } = await electronegativity({
    input: stage,
    isRelative: true,
    electronVersionOverride: electronVersion,
  });
  // Tolerable errors too: the parser recovered by skipping part of the file, which the checks then never see.
  for (const error of errors) {
    problems.push(`electronegativity could not parse ${toPosix(relative(stage, error.file))}: ${error.message}`);
  }

  const used = new Set();
  let informational = 0;
  for (const issue of issues) {
    const severity = issue.severity.name;
    if (severity === 'INFORMATIONAL') {
      informational++;
      continue;
    }
    const file = toPosix(issue.file);
    const { line, column } = issue.location;
    const code = codeAt(file, line);
    const finding = `${issue.id} ${severity}/${issue.confidence.name} ${file}:${line}:${column} ${code ?? ''}`;
    const match = reviewed.findIndex(
      (entry, index) =>
        !used.has(index) &&
        entry.check === issue.id &&
        entry.file === file &&
        entry.line === line &&
        entry.column === column &&
        entry.code === code,
    );
    if (match === -1) problems.push(`${finding}\n    ${issue.description} ${issue.shortenedURL}`);
    else {
      used.add(match);
      console.log(`reviewed: ${finding}\n    because ${reviewed[match].reason}`);
    }
  }
  reviewed.forEach((entry, index) => {
    if (used.has(index)) return;
    const place = `${entry.check} ${entry.file}:${entry.line}:${entry.column}`;
    const now = codeAt(entry.file, entry.line);
    const why =
      now === undefined ? 'no such line' : now === entry.code ? 'no finding there' : `the line is now: ${now}`;
    problems.push(`stale entry in ${reviewedFile}: ${place} (${why}); review the code there again and update it`);
  });

  const { contentSecurityPolicy } = await tsImport('../electron/security/csp.ts', import.meta.url);
  const csp = require('@doyensec/csp-evaluator');
  const parsed = new csp.CspParser(contentSecurityPolicy);
  const cspFindings = new csp.CspEvaluator(parsed.csp, csp.Version.CSP3).evaluate();
  const serious = new Set([csp.severities.HIGH, csp.severities.MEDIUM, csp.severities.HIGH_MAYBE]);
  for (const f of cspFindings) {
    if (serious.has(f.severity)) problems.push(`CSP ${f.directive}: ${f.description}`);
    else console.log(`CSP note (${f.directive}): ${f.description}`);
  }
  console.log(
    `electronegativity ${issues.length} findings (${informational} informational), ${errors.length} parse errors, ` +
      `CSP evaluated (${cspFindings.length} notes).`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`\nElectron security check FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Electron security check passed.');
