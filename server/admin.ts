/**
 * `npm run server:admin -- <command> [options]`; prints JSON on stdout, errors as {code, message} on stderr.
 * With PGlite the server must be stopped first (one process per data folder); PostgreSQL has no such limit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  addInspector,
  decodeCsv,
  evaluationsToCsv,
  exportEvaluations,
  importAgents,
  parseRosterCsv,
  publishScorecardFile,
  revoke,
  samplingTarget,
} from './admin-commands';
import { dbConfigFromEnv } from './config';
import { openDb, type Db } from './db';
import { migrateServer } from './migrate';

const usage = `usage: npm run server:admin -- <command>
  add-inspector --name <name> [--role inspector|head_office]   prints the new token once
  revoke-token (--token <token> | --token-id <id> | --inspector <id>)
  publish-scorecard <file.json>                                 a scorecard file exported by the app
  import-agents <file.csv>                                      columns: agent number, name, team, site
  set-sampling-target --scope all|team:<id>|agent:<no> --calls <n>
  export-evaluations [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json] [--out <file>]`;

const commands = [
  'add-inspector',
  'revoke-token',
  'publish-scorecard',
  'import-agents',
  'set-sampling-target',
  'export-evaluations',
];

const date = /^\d{4}-\d{2}-\d{2}$/;

async function run(db: Db, command: string, args: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      token: { type: 'string' },
      'token-id': { type: 'string' },
      inspector: { type: 'string' },
      scope: { type: 'string' },
      calls: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
  switch (command) {
    case 'add-inspector': {
      const name = values.name?.trim();
      if (!name) throw new Error('add-inspector needs --name.');
      const role = values.role ?? 'inspector';
      if (role !== 'inspector' && role !== 'head_office') throw new Error('--role must be inspector or head_office.');
      const created = await addInspector(db, name, role);
      return { ...created, note: 'Store this token now: the server keeps only its hash and cannot show it again.' };
    }
    case 'revoke-token': {
      const target = values.token
        ? { token: values.token }
        : values['token-id']
          ? { tokenId: values['token-id'] }
          : values.inspector
            ? { inspectorId: values.inspector }
            : null;
      if (!target) throw new Error('revoke-token needs --token, --token-id or --inspector.');
      return { revoked: await revoke(db, target) };
    }
    case 'publish-scorecard': {
      if (!positionals[0]) throw new Error('publish-scorecard needs a file.');
      return publishScorecardFile(db, JSON.parse(readFileSync(positionals[0], 'utf8')) as unknown);
    }
    case 'import-agents': {
      if (!positionals[0]) throw new Error('import-agents needs a CSV file.');
      return importAgents(db, parseRosterCsv(decodeCsv(readFileSync(positionals[0]))));
    }
    case 'set-sampling-target':
      return samplingTarget(db, values.scope ?? '', Number(values.calls));
    case 'export-evaluations': {
      for (const d of [values.from, values.to])
        if (d !== undefined && !date.test(d)) throw new Error('Dates are YYYY-MM-DD.');
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json.');
      const rows = await exportEvaluations(db, values.from, values.to);
      const text = format === 'csv' ? evaluationsToCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        return { exported: rows.length, file: values.out };
      }
      process.stdout.write(text);
      return undefined;
    }
    default:
      throw new Error(`Unknown command "${command}".\n${usage}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let db: Db | undefined;
  try {
    // A typo is answered before the database is opened (and, with PGlite, before its folder is locked).
    if (!commands.includes(command)) throw new Error(`Unknown command "${command}".\n${usage}`);
    db = await openDb(dbConfigFromEnv());
    await migrateServer(db);
    const result = await run(db, command, rest);
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ code: 'admin_failed', message: error instanceof Error ? error.message : String(error) })}\n`,
    );
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}

void main(process.argv.slice(2));
