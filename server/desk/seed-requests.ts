// Many families with their requests, fast, by direct SQL in one transaction (the list's tests and
// `npm run bench:staff`): per household a parent account (no usable password), a submitted
// declaration naming one child, a supporting document with one page, a submitted preinscription
// for that child, their two numbered requests with their `submit` event and `svc:status`
// documents, then the list's index (request-index.ts) as the projector fills it.
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { REQUEST_STATUSES, type RequestStatus } from '../../src/lib/domain/request-status';
import { indexRequest } from './request-index';

const LAST_NAMES = [
	'Martin',
	'Lefèvre',
	'Bernard',
	'Dubois',
	'Durand',
	'Moreau',
	'Girard',
	'Müller',
	'Fournier',
	'Guérin',
	'Bénard',
	'Chevalier',
	'François',
	'Leroy',
	'Roux',
	'Faure',
	'Mercier',
	'Blanc',
	'Boyer',
	'Garnier',
	'Lemaître',
	'Rousseau',
	'Gauthier',
	'Perrin',
	'Morel',
	'Noël',
	'Dupré',
	'Bonnet',
	'Lambert',
	'Fontaine',
	'Caron',
	'Hélène'
];
const FIRST_NAMES = [
	'Marie',
	'Léa',
	'Chloé',
	'Zoé',
	'Inès',
	'Jules',
	'Noé',
	'Raphaël',
	'Gabriel',
	'Élodie',
	'Anaïs',
	'Théo',
	'Louis',
	'Célia',
	'Maël',
	'Joël',
	'Agathe',
	'Hugo',
	'Lucie',
	'Émile'
];

export interface SeedOptions {
	households: number;
	/** Structure ids the preinscriptions choose from. */
	structures: readonly string[];
	/** Submission time of the first request; the others follow, `stepMs` apart. */
	startAt: number;
	stepMs: number;
	/** Bytes of each supporting document's page. */
	pageBytes?: number;
	/** Deterministic names: the household's index → its family name. */
	lastName?: (i: number) => string;
	/** Fill the list's index as the projector does (default); false: a database before migration 008. */
	index?: boolean;
	/** The statuses the requests are given (default: every status; fewer for an older schema). */
	statuses?: readonly RequestStatus[];
}

/** A tiny deterministic generator (mulberry32), so a seed gives the same data every run. */
function random(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const revHash = (text: string) => createHash('md5').update(text).digest('hex');

/** Seeds the families; returns the numbers of their requests, oldest first. */
export function seedRequests(db: Database, options: SeedOptions): number[] {
	const rnd = random(42);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
	const page = Buffer.alloc(options.pageBytes ?? 1024, 7);
	page.write('%PDF-1.7\n');
	const digest = 'md5-' + createHash('md5').update(page).digest('base64');
	const s = {
		household: db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)'),
		user: db.prepare(
			`INSERT INTO users (id, username, username_key, email, email_key, password_hash, role, household_id,
			 civility, last_name, first_names, activated_at, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, '!', 'parent', ?, 'Madame', ?, ?, ?, ?, ?)`
		),
		syncDb: db.prepare(
			'INSERT INTO sync_dbs (name, household_id, update_seq, doc_count) VALUES (?, ?, ?, ?)'
		),
		doc: db.prepare(
			`INSERT INTO sync_docs (db, doc_id, seq, winning_rev, deleted, leaves, rev_tree)
			 VALUES (?, ?, ?, ?, 0, ?, ?)`
		),
		rev: db.prepare(
			'INSERT INTO sync_revs (db, doc_id, rev, deleted, body, attachments) VALUES (?, ?, ?, 0, ?, ?)'
		),
		blob: db.prepare('INSERT INTO sync_blobs (db, digest, length, data) VALUES (?, ?, ?, ?)'),
		blobRef: db.prepare('INSERT INTO sync_blob_refs (db, digest, refs) VALUES (?, ?, 1)'),
		request: db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		event: db.prepare(
			`INSERT INTO request_events (request_id, number, action, status, actor_name, at)
			 VALUES (?, ?, 'submit', 'Déposée', 'Famille', ?)`
		)
	};
	const first = (
		db.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM requests').get() as {
			n: number;
		}
	).n;
	const numbers: number[] = [];
	db.transaction(() => {
		for (let i = 0; i < options.households; i++) {
			const hh = randomUUID();
			const name = `hh-${hh}`;
			const at = options.startAt + i * 2 * options.stepMs;
			const iso = new Date(at).toISOString();
			const lastName = options.lastName?.(i) ?? pick(LAST_NAMES);
			s.household.run(hh, iso);
			const username = `famille-${hh}`;
			s.user.run(
				randomUUID(),
				username,
				username,
				`${username}@test.localhost`,
				`${username}@test.localhost`,
				hh,
				lastName,
				pick(FIRST_NAMES),
				iso,
				iso,
				iso
			);
			let seq = 0;
			const put = (
				id: string,
				body: Record<string, unknown>,
				attachments: string | null = null
			) => {
				const rev = `1-${revHash(id)}`;
				s.doc.run(
					name,
					id,
					++seq,
					rev,
					JSON.stringify([rev]),
					JSON.stringify([{ pos: 1, ids: [rev.slice(2), { status: 'available' }, []] }])
				);
				s.rev.run(name, id, rev, JSON.stringify(body), attachments);
				return rev;
			};
			const childId = randomUUID();
			const child = { firstNames: pick(FIRST_NAMES), lastName };
			const declarationId = `entourage:${randomUUID()}`;
			const declaration = {
				type: 'entourage',
				state: 'submitted',
				submittedAt: iso,
				members: [{ id: childId, role: 'child', ...child, birthDate: '2025-06-01' }]
			};
			const declarationRev = put(declarationId, declaration);
			const pieceId = `piece:${randomUUID()}`;
			s.blob.run(name, digest, page.length, page);
			s.blobRef.run(name, digest);
			put(
				pieceId,
				{
					type: 'piece',
					state: 'submitted',
					kind: 'proofOfAddress',
					personId: childId,
					label: 'Justificatif de domicile'
				},
				JSON.stringify({
					'page-1': { content_type: 'application/pdf', digest, length: page.length, revpos: 1 }
				})
			);
			const choices = [...options.structures]
				.sort(() => rnd() - 0.5)
				.slice(0, 1 + Math.floor(rnd() * 3));
			const preinscriptionId = `preinscription:${randomUUID()}`;
			const preinscription = {
				type: 'preinscription',
				state: 'submitted',
				submittedAt: iso,
				childId,
				wishedStartDate: '2027-09-01',
				choices,
				pieceIds: [pieceId],
				questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
			};
			const preinscriptionRev = put(preinscriptionId, preinscription);
			const docs = [
				{ id: declarationId, rev: declarationRev, body: declaration, at },
				{
					id: preinscriptionId,
					rev: preinscriptionRev,
					body: preinscription,
					at: at + options.stepMs
				}
			];
			for (const [k, d] of docs.entries()) {
				const number = first + 2 * i + k + 1;
				const requestId = randomUUID();
				const when = new Date(d.at).toISOString();
				const status = pick(options.statuses ?? REQUEST_STATUSES);
				s.request.run(requestId, number, hh, d.id, d.rev, d.body.type, status, when, when);
				s.event.run(requestId, number, d.at);
				put(`svc:status:${d.id}`, {
					type: 'status',
					subjectId: d.id,
					subjectType: d.body.type,
					requestNumber: number,
					status,
					history: [{ status, at: when }]
				});
				if (options.index !== false) indexRequest(db, number, d.body);
				numbers.push(number);
			}
			s.syncDb.run(name, hh, seq, seq);
		}
	})();
	return numbers;
}
