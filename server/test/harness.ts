// In-process test harness: the real app on a real SQLite database, driven through app.request().
import { ManualClock } from '../clock';
import { testConfig, type Config } from '../config';
import { openDatabase, type Db } from '../db';
import { createApp } from '../app';
import { insertActiveUser, seedStructures } from '../seed/seed';

export const ORIGIN = 'http://localhost:3000';

export interface Harness {
	db: Db;
	clock: ManualClock;
	config: Config;
	app: ReturnType<typeof createApp>;
	/** The TCP peer address of the next calls (a remote client unless a test changes it). */
	peer: string;
	/** A JSON request as a same-origin browser would send it, with an optional cookie jar. */
	call(
		method: string,
		path: string,
		body?: unknown,
		jar?: CookieJar,
		headers?: Record<string, string>
	): Promise<Response>;
	outboxMails(): { to: string; subject: string; text: string; html: string }[];
}

export class CookieJar {
	cookies = new Map<string, string>();
	header(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	store(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i);
			const value = pair.slice(i + 1);
			if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
}

/** The bindings @hono/node-server gives a request: here only the socket's remote address. */
export const socketFrom = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

export const REMOTE_PEER = '192.0.2.10';

/** `databaseFile`: a file to reopen after a restart (default: in memory). */
export function createHarness(
	overrides: Partial<Config> = {},
	databaseFile = ':memory:',
	clock = new ManualClock()
): Harness {
	const db = openDatabase(databaseFile);
	seedStructures(db);
	const config = testConfig(overrides);
	const app = createApp({ db, config, clock, kickOutbox: () => {} });
	return {
		db,
		clock,
		config,
		app,
		peer: REMOTE_PEER,
		async call(method, path, body, jar, headers = {}) {
			const init = {
				method,
				headers: {
					'content-type': 'application/json',
					origin: ORIGIN,
					'sec-fetch-site': 'same-origin',
					...(jar && jar.cookies.size ? { cookie: jar.header() } : {}),
					...headers
				},
				body:
					body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
			};
			const res = await app.request(`${ORIGIN}${path}`, init, socketFrom(this.peer));
			jar?.store(res);
			return res;
		},
		outboxMails() {
			return (
				db.prepare("SELECT payload FROM outbox WHERE kind = 'mail' ORDER BY id").all() as {
					payload: string;
				}[]
			).map((r) => JSON.parse(r.payload).mail);
		}
	};
}

let counter = 0;
/** A valid registration body with unique username and e-mail. */
export function registrationFactory(overrides: Record<string, unknown> = {}) {
	const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
	return {
		acceptCgu: true,
		civility: 'Madame',
		lastName: 'Testeuse',
		firstNames: 'Alice',
		birthDate: '1990-05-17',
		address: { number: '3', street: 'Rue du Test', postalCode: '38200', city: 'Vienne' },
		mobile: '06 12 34 56 78',
		email: `parent-${n}@test.localhost`,
		preferredContact: 'email',
		username: `parent-${n}`,
		password: 'Tr3s-Bon-Secret',
		...overrides
	};
}

/** The last path segment of the first link in a mail: the token. */
export function tokenFromMail(text: string, pathPart: string): string {
	const m = text.match(new RegExp(`https?://\\S+/${pathPart}/([A-Za-z0-9_-]+)`));
	if (!m) throw new Error(`no ${pathPart} link in mail:\n${text}`);
	return m[1];
}

/** Registers, activates and signs in a parent; returns its cookie jar and credentials. */
export async function signedInParent(h: Harness, overrides: Record<string, unknown> = {}) {
	const body = registrationFactory(overrides);
	const res = await h.call('POST', '/api/auth/register', body);
	if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
	const mail = h
		.outboxMails()
		.filter((m) => m.to === body.email)
		.at(-1)!;
	await h.call('POST', '/api/auth/activate', { token: tokenFromMail(mail.text, 'activation') });
	const jar = new CookieJar();
	const login = await h.call(
		'POST',
		'/api/auth/login',
		{ username: body.username, password: body.password },
		jar
	);
	if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
	return { jar, body };
}

let staffCounter = 0;
/** Creates an active agent (or admin) of the service and signs it in; returns its jar and id. */
export async function signedInStaff(
	h: Harness,
	role: 'staff' | 'admin' = 'staff',
	names: { firstNames?: string; lastName?: string } = {}
) {
	const username = `agent-${role}-${staffCounter++}`;
	const password = 'Tr3s-Bon-Secret-Agent';
	const id = await insertActiveUser(
		h.db,
		{
			username,
			email: `${username}@service.localhost`,
			password,
			role,
			firstNames: names.firstNames ?? 'Agnès',
			lastName: names.lastName ?? 'Instructrice'
		},
		h.clock.now()
	);
	const jar = new CookieJar();
	const login = await h.call('POST', '/api/auth/login', { username, password }, jar);
	if (login.status !== 200) throw new Error(`staff login failed: ${login.status}`);
	return { jar, id, username };
}
