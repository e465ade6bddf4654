// Administration commands for a real deployment: `npm run admin -- create-staff <username> <email>`.
import { createInterface } from 'node:readline/promises';
import * as v from 'valibot';
import { email as emailSchema, username as usernameSchema } from '../../src/lib/domain/account';
import { checkPassword } from '../../src/lib/domain/password-policy';
import { strengthRefusal } from '../../src/lib/domain/password-strength';
import { assessPassword } from '../auth/password-strength';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db';
import { insertActiveUser } from '../seed/seed';

const USAGE = `Usage :
  npm run admin -- create-staff <identifiant> <courriel> [--password <mot de passe>] [--admin]
      [--prenom <prénom>] [--nom <nom>]   (le nom de l'agent dans l'historique des demandes)
  Sans --password, le mot de passe est demandé (saisie masquée).`;

async function promptPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		const rl = createInterface({ input: process.stdin });
		for await (const line of rl) return line;
		return '';
	}
	process.stdout.write('Mot de passe : ');
	process.stdin.setRawMode(true);
	let value = '';
	for await (const chunk of process.stdin) {
		for (const ch of String(chunk)) {
			if (ch === '\r' || ch === '\n') {
				process.stdin.setRawMode(false);
				process.stdout.write('\n');
				process.stdin.pause();
				return value;
			}
			if (ch === '\u0003') process.exit(130);
			if (ch === '\u007f') value = value.slice(0, -1);
			else value += ch;
		}
	}
	return value;
}

export async function run(argv: string[], env = process.env): Promise<number> {
	const [command, ...rest] = argv;
	if (command !== 'create-staff') {
		console.error(USAGE);
		return 2;
	}
	const flags = new Map<string, string | true>();
	const positional: string[] = [];
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i];
		if (a === '--password') flags.set('password', rest[++i] ?? '');
		else if (a === '--admin') flags.set('admin', true);
		else if (a === '--prenom') flags.set('firstNames', rest[++i] ?? '');
		else if (a === '--nom') flags.set('lastName', rest[++i] ?? '');
		else positional.push(a);
	}
	const [username, email] = positional;
	const u = v.safeParse(usernameSchema, username ?? '');
	const e = v.safeParse(emailSchema, email ?? '');
	if (!u.success || !e.success) {
		console.error(
			[!u.success && u.issues[0].message, !e.success && e.issues[0].message]
				.filter(Boolean)
				.join('\n')
		);
		console.error(USAGE);
		return 2;
	}
	const password = (flags.get('password') as string | undefined) ?? (await promptPassword());
	const refused =
		checkPassword(password) ??
		strengthRefusal(await assessPassword(password, [u.output, e.output]));
	if (refused) {
		console.error(refused);
		return 2;
	}
	let config;
	try {
		config = loadConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			return 2;
		}
		throw error;
	}
	const db = openDatabase(config.databaseFile);
	try {
		if (db.prepare('SELECT 1 FROM users WHERE username_key = ?').get(u.output.toLowerCase())) {
			console.error(`L’identifiant « ${u.output} » est déjà utilisé.`);
			return 1;
		}
		const role = flags.has('admin') ? 'admin' : 'staff';
		await insertActiveUser(db, {
			username: u.output,
			email: e.output,
			password,
			role,
			lastName: (flags.get('lastName') as string | undefined)?.trim() || u.output,
			firstNames: (flags.get('firstNames') as string | undefined)?.trim() ?? ''
		});
		console.log(
			`Compte ${role === 'admin' ? 'administrateur' : 'agent'} « ${u.output} » créé (${config.databaseFile}).`
		);
		return 0;
	} finally {
		db.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	run(process.argv.slice(2)).then((code) => process.exit(code));
}
