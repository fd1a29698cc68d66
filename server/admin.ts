/**
 * `npm run server:admin -- <command> [options]`; prints JSON on stdout, errors as {code, message} on stderr.
 * With PGlite the server must be stopped first (one process per data folder); PostgreSQL has no such limit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { userRoles, type UserRole } from '../shared/sync';
import { isRealDate } from '../shared/text';
import {
  addUser,
  decodeCsv,
  disputePolicyCommand,
  importAgents,
  parseRosterCsv,
  publishScorecardFile,
  revoke,
  samplingTarget,
} from './admin-commands';
import { dbConfigFromEnv } from './config';
import { openDb, type Db } from './db';
import { evaluationsToCsv, evaluationsToXlsx, exportEvaluations } from './export';
import { prepareDatabase } from './prepare';

const usage = `usage: npm run server:admin -- <command>
  add-user --role inspector|lead|site|head_office --name <name> [--team <id>]... [--site <分公司>]
                                                                prints the new token once; a lead needs one or
                                                                more --team, a site user one --site
  add-inspector --name <name> [--role inspector|head_office]   the same as add-user (kept for scripts)
  revoke-token (--token <token> | --token-id <id> | --inspector <id>)
  publish-scorecard <file.json>                                 a scorecard file exported by the app
  import-agents <file.csv>                                      columns: agent number, name, team, site
  set-sampling-target --scope all|team:<id>|agent:<no> --calls <n>
  set-dispute-policy --window-days <n> --monthly-limit <n>      days to dispute (or escalate), disputes per agent a month
  export-evaluations [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--site <分公司>] [--team <id>]
                     [--format csv|json|xlsx] [--out <file>]      by call day; xlsx needs --out`;

const commands = [
  'add-user',
  'add-inspector',
  'revoke-token',
  'publish-scorecard',
  'import-agents',
  'set-sampling-target',
  'set-dispute-policy',
  'export-evaluations',
];

async function run(db: Db, command: string, args: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string', multiple: true },
      site: { type: 'string' },
      token: { type: 'string' },
      'token-id': { type: 'string' },
      inspector: { type: 'string' },
      scope: { type: 'string' },
      calls: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'window-days': { type: 'string' },
      'monthly-limit': { type: 'string' },
    },
  });
  switch (command) {
    case 'add-user':
    case 'add-inspector': {
      const name = values.name?.trim();
      if (!name) throw new Error(`${command} needs --name.`);
      const role = values.role ?? (command === 'add-inspector' ? 'inspector' : undefined);
      if (!role || !(userRoles as readonly string[]).includes(role)) {
        throw new Error(`--role must be one of ${userRoles.join(', ')}.`);
      }
      const created = await addUser(db, { name, role: role as UserRole, teams: values.team, site: values.site });
      return {
        ...created,
        role,
        note: 'Store this token now: the server keeps only its hash and cannot show it again.',
      };
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
    case 'set-dispute-policy':
      return disputePolicyCommand(db, Number(values['window-days']), Number(values['monthly-limit']));
    case 'export-evaluations': {
      for (const d of [values.from, values.to])
        if (d !== undefined && !isRealDate(d)) throw new Error('Dates are real days, YYYY-MM-DD.');
      if (values.from && values.to && values.from > values.to) throw new Error('--from is after --to.');
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json' && format !== 'xlsx') {
        throw new Error('--format must be csv, json or xlsx.');
      }
      if (format === 'xlsx' && !values.out) throw new Error('--format xlsx needs --out <file>.');
      for (const t of [values.site, values.team?.[0]]) {
        if (t !== undefined && (t.includes('\u0000') || !t.trim())) throw new Error('--site and --team need a name.');
      }
      if ((values.team?.length ?? 0) > 1) throw new Error('export-evaluations takes one --team.');
      const data = await exportEvaluations(db, {
        from: values.from,
        to: values.to,
        site: values.site,
        teamId: values.team?.[0],
      });
      const output =
        format === 'xlsx'
          ? await evaluationsToXlsx(data)
          : format === 'csv'
            ? evaluationsToCsv(data)
            : `${JSON.stringify(data.rows, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, output);
        return { exported: data.rows.length, file: values.out, format };
      }
      process.stdout.write(output);
      return undefined;
    }
    default:
      throw new Error(`Unknown command "${command}".\n${usage}`);
  }
}

async function main(argv: string[]): Promise<void> {
  // PGlite's folder holds token hashes and every evaluation: nothing created here is for other users.
  process.umask(0o077);
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
    const prepared = await prepareDatabase(db);
    for (const warning of prepared.warnings) process.stderr.write(`${JSON.stringify({ warning })}\n`);
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
