// A commission session on the staff desk, end to end on real SQLite with families' real PouchDB
// devices: which requests it examines, their scores explained, the proposal, the agents'
// adjustments, the close (statuses the families read, mails, audit, frozen decisions), the
// minutes PDF (full and public) and the statistics.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedPreinscription } from '../../sync/test/factories';
import { signedInStaff, type CookieJar } from '../test/harness';
import { openDesk, openFamily, type Desk, type Family } from '../desk/desk-fixtures';
import { pdfText } from '../pdf/pdf-text';
import { APPLY_CHUNK, applyHooks, applyProgress, runCommissionApply } from './apply';

let desk: Desk;
let admin: { jar: CookieJar; id: string };
beforeAll(async () => {
	desk = await openDesk();
	admin = await signedInStaff(desk.h, 'admin', { firstNames: 'Paule', lastName: 'Directrice' });
	// A grid of known points (version 1), so the scores below are the test's own arithmetic.
	const db = desk.h.db;
	db.prepare(
		"INSERT INTO commission_grids (version, created_at, note) VALUES (1, 0, 'test')"
	).run();
	const criterion = db.prepare(
		'INSERT INTO commission_criteria (version, id, position, label, points, source, rule) VALUES (1, ?, ?, ?, ?, ?, ?)'
	);
	criterion.run(
		'residentInArea',
		1,
		'Réside dans l’agglomération',
		3,
		'questionnaire',
		'residentInArea'
	);
	criterion.run(
		'bothParentsWorking',
		2,
		'Deux parents qui travaillent',
		4,
		'questionnaire',
		'bothParentsWorking'
	);
	criterion.run('disability', 3, 'Handicap attesté', 5, 'manual', 'disability');
	criterion.run('twins', 4, 'Jumeaux', 1, 'household', 'twins');
	criterion.run(
		'siblingInStructure',
		5,
		'Frère ou sœur dans la structure',
		2,
		'household',
		'siblingInStructure'
	);
});
afterAll(() => desk.close());

const BOTH = { residentInArea: true, professionalSituation: ['parent1Works', 'parent2Works'] };

let peers = 100;

interface Filed {
	family: Family;
	docId: string;
	number: number;
}

/** A family submits a preinscription from its device; the agent marks it complete (or not). */
async function filed(
	lastName: string,
	extra: Record<string, unknown>,
	complete = true
): Promise<Filed> {
	desk.h.peer = `192.0.2.${++peers}`; // sign-ups are limited per address and hour
	const family = await openFamily(desk, { lastName, civility: 'Madame' });
	const doc = submittedPreinscription(extra);
	await family.send(doc);
	const number = family.numberOf(doc._id);
	if (complete) {
		const res = await desk.h.call(
			'POST',
			`/api/agent/requests/${number}/actions`,
			{ action: 'complete' },
			desk.staff.jar
		);
		expect(res.status).toBe(200);
	}
	return { family, docId: doc._id, number };
}

function plannedSession(places: Record<string, number>): string {
	const id = randomUUID();
	const db = desk.h.db;
	const n = db.prepare('SELECT COUNT(*) FROM commission_sessions').pluck().get() as number;
	const date = `2027-06-${String(10 + n).padStart(2, '0')}`;
	db.prepare(
		`INSERT INTO commission_sessions (id, date, period_start, period_end, created_at, updated_at)
		 VALUES (?, ?, '2027-07-01', '2027-09-30', 0, 0)`
	).run(id, date);
	for (const [structure, n] of Object.entries(places))
		db.prepare(
			"INSERT INTO commission_capacities (session_id, structure_id, age_group, places) VALUES (?, ?, 'older', ?)"
		).run(id, structure, n);
	return id;
}

/** Puts the other requests out of the way: each test examines only its own. */
function retire(): void {
	desk.h.db
		.prepare(
			"UPDATE requests SET status = 'Classée sans suite' WHERE status IN ('Complète', 'Liste d’attente')"
		)
		.run();
}

const files = (id: string) =>
	desk.h.call('GET', `/api/agent/commission/sessions/${id}/files`, undefined, desk.staff.jar);
const adjust = (id: string, number: number, body: unknown) =>
	desk.h.call(
		'PUT',
		`/api/agent/commission/sessions/${id}/adjustments/${number}`,
		body,
		desk.staff.jar
	);
const close = (id: string, body: unknown, jar = admin.jar) =>
	desk.h.call('POST', `/api/agent/commission/sessions/${id}/close`, body, jar);

describe('preparing a session', () => {
	it('lists the complete or waiting requests wished by the end of the period, scored line by line, and proposes places', async () => {
		retire();
		// A: 3 + 4 = 7; B: 3; C: 4 — all wished within the period (B on its first day).
		const a = await filed('Arnaud', { questionnaire: BOTH });
		const b = await filed('Bernard', {
			wishedStartDate: '2027-07-01',
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		});
		const c = await filed('Colin', {
			questionnaire: { ...BOTH, residentInArea: false }
		});
		const late = await filed('Tardif', { wishedStartDate: '2027-10-15', questionnaire: BOTH });
		const notComplete = await filed('Attente', { questionnaire: BOTH }, false);
		const id = plannedSession({ 'cocon-de-soie': 1, 'grain-d-aile': 1 });

		const res = await files(id);
		expect(res.status).toBe(200);
		const body = await res.json();
		const numbers = body.items.map((i: { number: number }) => i.number);
		expect(numbers).toEqual([a.number, b.number, c.number]);
		expect(numbers).not.toContain(late.number);
		expect(numbers).not.toContain(notComplete.number);
		expect(body.closed).toBe(false);
		expect(body.gridVersion).toBe(1);

		const itemA = body.items.find((i: { number: number }) => i.number === a.number);
		expect(itemA).toMatchObject({
			status: 'Complète',
			family: { lastName: 'Arnaud' },
			child: { firstNames: 'Léa', lastName: 'Exemple', birthDate: '2025-03-14' },
			ageGroup: 'older',
			wishedDate: '2027-09-01',
			startDate: '2027-09-01',
			score: 7,
			choices: [
				{ rank: 1, structureId: 'cocon-de-soie', name: expect.any(String) },
				{ rank: 2, structureId: 'grain-d-aile', name: expect.any(String) }
			],
			confirmed: false,
			flagged: false
		});
		expect(itemA.lines).toEqual([
			expect.objectContaining({ criterionId: 'residentInArea', met: true, points: 3 }),
			expect.objectContaining({ criterionId: 'bothParentsWorking', met: true, points: 4 }),
			expect.objectContaining({ criterionId: 'disability', met: false, points: 0 }),
			expect.objectContaining({ criterionId: 'twins', met: false, points: 0 }),
			expect.objectContaining({ criterionId: 'siblingInStructure', met: false, points: 0 })
		]);
		// B's entry date is the period's start when wished before it.
		expect(body.items.find((i: { number: number }) => i.number === b.number)).toMatchObject({
			score: 3,
			startDate: '2027-07-01'
		});

		// Best score first: A gets its first choice, C (4) the other one, B waits on both lists.
		const outcome = Object.fromEntries(
			body.decisions.map((d: { number: number; outcome: string; structureId: string | null }) => [
				d.number,
				`${d.outcome}:${d.structureId}`
			])
		);
		expect(outcome).toEqual({
			[a.number]: 'offer:cocon-de-soie',
			[c.number]: 'offer:grain-d-aile',
			[b.number]: 'waitlist:null'
		});
		expect(body.waitlist).toEqual([
			expect.objectContaining({ structureId: 'cocon-de-soie', number: b.number, rank: 1 }),
			expect.objectContaining({ structureId: 'grain-d-aile', number: b.number, rank: 1 })
		]);
		const cocon = body.placesLeft.find(
			(p: { structureId: string }) => p.structureId === 'cocon-de-soie'
		);
		expect(cocon).toMatchObject({ older: 0, capacity: { older: 1, babies: 0, toddlers: 0 } });
		expect(body.session).toMatchObject({ id, state: 'planned', eligible: 3 });

		// An agent's check of the manual criterion counts in the score.
		desk.h.db
			.prepare(
				"INSERT INTO commission_checks (request_id, criterion_id, met, checked_at) SELECT id, 'disability', 1, 0 FROM requests WHERE number = ?"
			)
			.run(b.number);
		const after = await (await files(id)).json();
		expect(after.items.find((i: { number: number }) => i.number === b.number)).toMatchObject({
			score: 8,
			checks: { disability: true }
		});
		expect(after.decisions[0]).toMatchObject({ number: b.number, order: 1, outcome: 'offer' });
	});

	it('reads twins and a sibling admitted in a chosen structure from the household file', async () => {
		retire();
		const t = await filed('Jumeau', { questionnaire: BOTH });
		// The household declared a second child born the same day, and an older one admitted at Cocon de Soie.
		const twin = randomUUID();
		const older = randomUUID();
		await t.family.send({
			_id: `entourage:${randomUUID()}`,
			type: 'entourage',
			state: 'submitted',
			members: [
				{
					id: twin,
					role: 'child',
					lastName: 'Exemple',
					firstNames: 'Léo',
					birthDate: '2025-03-14'
				},
				{
					id: older,
					role: 'child',
					lastName: 'Exemple',
					firstNames: 'Zoé',
					birthDate: '2022-01-05'
				}
			]
		});
		const id = plannedSession({ 'cocon-de-soie': 1 });
		const db = desk.h.db;
		const householdId = t.family.householdId;
		const requestId = db.prepare('SELECT id FROM requests WHERE number = ?').pluck().get(t.number);
		const offerId = randomUUID();
		db.prepare(
			`INSERT INTO offers (id, request_id, household_id, session_id, structure_id, age_group, start_date, offered_at, deadline, source, state)
			 VALUES (?, ?, ?, ?, 'cocon-de-soie', 'older', '2024-09-01', 0, 0, 'session', 'accepted')`
		).run(offerId, requestId, householdId, id);
		const siblingRequest = db
			.prepare("SELECT id FROM requests WHERE household_id = ? AND type = 'entourage'")
			.pluck()
			.get(householdId);
		db.prepare(
			`INSERT INTO contracts (id, household_id, request_id, offer_id, child_id, child_name, structure_id, age_group, start_date, created_at)
			 VALUES (?, ?, ?, ?, ?, 'Zoé EXEMPLE', 'cocon-de-soie', 'older', '2024-09-01', 0)`
		).run(randomUUID(), householdId, siblingRequest, offerId, older);

		const body = await (await files(id)).json();
		const item = body.items.find((i: { number: number }) => i.number === t.number);
		expect(item.score).toBe(3 + 4 + 1 + 2);
		expect(item.lines).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ criterionId: 'twins', met: true, points: 1 }),
				expect.objectContaining({ criterionId: 'siblingInStructure', met: true, points: 2 })
			])
		);
	});

	it('adjustments need a reason, an assign needs a place left; deleting one goes back to the proposal', async () => {
		retire();
		const a = await filed('Dupont', { questionnaire: BOTH });
		const b = await filed('Durand', {
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		});
		const id = plannedSession({ 'cocon-de-soie': 1 });

		const noReason = await adjust(id, b.number, { kind: 'assign', structureId: 'cocon-de-soie' });
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).error.message).toBe('Indiquez le motif de cet ajustement.');
		const blank = await adjust(id, b.number, { kind: 'hold', reason: '   ' });
		expect(blank.status).toBe(400);
		expect(
			desk.h.db
				.prepare('SELECT COUNT(*) FROM commission_adjustments WHERE session_id = ?')
				.pluck()
				.get(id)
		).toBe(0);

		// B (3) is assigned the only place by hand: it goes before A (7).
		const assign = await adjust(id, b.number, {
			kind: 'assign',
			structureId: 'cocon-de-soie',
			reason: 'Rapprochement de fratrie attesté.'
		});
		expect(assign.status).toBe(200);
		const body = await assign.json();
		expect(body.decisions).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					number: b.number,
					outcome: 'offer',
					structureId: 'cocon-de-soie',
					manual: true,
					reason: 'Rapprochement de fratrie attesté.'
				}),
				expect.objectContaining({ number: a.number, outcome: 'waitlist' })
			])
		);
		expect(body.adjustments).toEqual([
			expect.objectContaining({
				number: b.number,
				kind: 'assign',
				structureId: 'cocon-de-soie',
				reason: 'Rapprochement de fratrie attesté.',
				byName: 'Agnès Instructrice'
			})
		]);

		// No second manual assign on the same place.
		const full = await adjust(id, a.number, {
			kind: 'assign',
			structureId: 'cocon-de-soie',
			reason: 'Urgence sociale.'
		});
		expect(full.status).toBe(409);
		expect((await full.json()).error.message).toMatch(
			/^Plus aucune place en section Grands à « .+ » pour cette commission/
		);

		// A request the session does not examine.
		const other = await filed('Ailleurs', { wishedStartDate: '2027-12-01' });
		const notHere = await adjust(id, other.number, { kind: 'hold', reason: 'Test.' });
		expect(notHere.status).toBe(404);

		const undo = await desk.h.call(
			'DELETE',
			`/api/agent/commission/sessions/${id}/adjustments/${b.number}`,
			undefined,
			desk.staff.jar
		);
		expect(undo.status).toBe(200);
		const back = await undo.json();
		expect(back.adjustments).toEqual([]);
		expect(back.decisions[0]).toMatchObject({ number: a.number, outcome: 'offer', manual: false });

		const audited = desk.h.db
			.prepare("SELECT action FROM audit_log WHERE action LIKE 'commission.adjust%' ORDER BY id")
			.pluck()
			.all();
		expect(audited).toEqual(['commission.adjust', 'commission.adjust-undo']);
	});
});

describe('closing a session', () => {
	it('freezes the decisions; each family reads its answer and gets a mail; the minutes and figures follow', async () => {
		retire();
		const a = await filed('Lefèvre', { questionnaire: BOTH }); // 7 → offer grain (cocon taken by B)
		const b = await filed('Martin', {
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		}); // 3, assigned cocon by hand
		const c = await filed('Noël', { questionnaire: BOTH }); // refused by hand
		const f = await filed('Petit', {
			questionnaire: { residentInArea: false, professionalSituation: ['parent1Works'] }
		}); // 0 → waiting list
		const g = await filed('Roux', { questionnaire: BOTH }); // held
		const id = plannedSession({ 'cocon-de-soie': 1, 'grain-d-aile': 1 });
		expect(
			(
				await adjust(id, b.number, {
					kind: 'assign',
					structureId: 'cocon-de-soie',
					reason: 'Rapprochement de fratrie.'
				})
			).status
		).toBe(200);
		expect(
			(await adjust(id, c.number, { kind: 'refuse', reason: 'Domicile hors de l’agglomération.' }))
				.status
		).toBe(200);
		expect((await adjust(id, g.number, { kind: 'hold', reason: 'Pièce en attente.' })).status).toBe(
			200
		);
		const mailsBefore = desk.h.outboxMails().length;

		// Only admins close; the members present are required.
		expect((await close(id, { members: 'X' }, desk.staff.jar)).status).toBe(403);
		const noMembers = await close(id, { members: ' ' });
		expect(noMembers.status).toBe(400);
		expect((await noMembers.json()).error.message).toBe(
			'Indiquez les membres présents à la commission.'
		);
		expect(
			desk.h.db.prepare('SELECT state FROM commission_sessions WHERE id = ?').pluck().get(id)
		).toBe('planned');

		const members =
			'Mme Élodie Garnier (élue, présidente) ; M. Théo Roussel (directeur « Cocon de Soie »)';
		const res = await close(id, { members });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			closed: true,
			offers: 2,
			waitlisted: 1,
			refused: 1,
			held: 1,
			applied: 5,
			total: 5
		});

		const statusOf = (n: number) =>
			desk.h.db.prepare('SELECT status FROM requests WHERE number = ?').pluck().get(n);
		expect([a, b, c, f, g].map((x) => statusOf(x.number))).toEqual([
			'Place proposée',
			'Place proposée',
			'Refusée',
			'Liste d’attente',
			'Complète'
		]);

		// The families' devices, through a real replication.
		const statusDoc = async (x: Filed) => {
			await x.family.pull();
			return (await x.family.device.get(`svc:status:${x.docId}`)) as Record<string, unknown>;
		};
		const offered = await statusDoc(a);
		expect(offered).toMatchObject({
			status: 'Place proposée',
			offer: {
				structureId: 'grain-d-aile',
				ageGroup: 'older',
				startDate: '2027-09-01',
				deadline: new Date(desk.h.clock.now() + 15 * 86_400_000).toISOString()
			}
		});
		// The family reads the commission's decision; the desk's history names the admin who closed.
		expect((offered.history as unknown[]).at(-1)).toMatchObject({
			status: 'Place proposée',
			by: 'Commission d’attribution'
		});
		expect((await statusDoc(b)).offer).toMatchObject({ structureId: 'cocon-de-soie' });
		expect(await statusDoc(c)).toMatchObject({
			status: 'Refusée',
			reason: 'Domicile hors de l’agglomération.'
		});
		expect((await statusDoc(f)).waitlist).toEqual([
			{ structureId: 'cocon-de-soie', structureName: expect.any(String), rank: 1 },
			{ structureId: 'grain-d-aile', structureName: expect.any(String), rank: 1 }
		]);
		expect((await statusDoc(g)).status).toBe('Complète');

		// One mail to each decided family, none to the held one.
		const mails = desk.h.outboxMails().slice(mailsBefore);
		const to = (x: Filed) => mails.filter((m) => m.to === x.family.email).map((m) => m.subject);
		expect(to(a)).toEqual([expect.stringMatching(/^Une place vous est proposée/)]);
		expect(to(b)).toEqual([expect.stringMatching(/^Une place vous est proposée/)]);
		expect(to(c)).toEqual([`Votre demande n° ${c.number} : Refusée`]);
		expect(to(f)).toEqual([`Votre demande n° ${f.number} : Liste d’attente`]);
		expect(to(g)).toEqual([]);
		expect(mails.find((m) => m.to === c.family.email)!.text).toContain(
			'Motif : Domicile hors de l’agglomération.'
		);
		expect(mails.find((m) => m.to === f.family.email)!.text).toMatch(/rang 1/);

		// History events, audit, offers, frozen decisions.
		const events = desk.h.db
			.prepare(
				'SELECT r.number, e.action FROM request_events e JOIN requests r ON r.id = e.request_id WHERE e.action IN (?, ?, ?) ORDER BY r.number'
			)
			.all('offer', 'waitlist', 'refuse') as { number: number; action: string }[];
		expect(events.filter((e) => [a, b, c, f].some((x) => x.number === e.number))).toEqual([
			{ number: a.number, action: 'offer' },
			{ number: b.number, action: 'offer' },
			{ number: c.number, action: 'refuse' },
			{ number: f.number, action: 'waitlist' }
		]);
		expect(
			desk.h.db
				.prepare(
					"SELECT DISTINCT actor_name FROM request_events WHERE action IN ('offer', 'waitlist', 'refuse')"
				)
				.pluck()
				.all()
		).toEqual(['Paule Directrice']);
		expect(
			desk.h.db
				.prepare(
					"SELECT COUNT(*) FROM audit_log WHERE action = 'commission.decision' AND actor_id = ?"
				)
				.pluck()
				.get(admin.id)
		).toBe(5);
		expect(
			desk.h.db.prepare('SELECT COUNT(*) FROM offers WHERE session_id = ?').pluck().get(id)
		).toBe(2);
		expect(
			desk.h.db
				.prepare('SELECT state, grid_version, members FROM commission_sessions WHERE id = ?')
				.get(id)
		).toEqual({ state: 'closed', grid_version: 1, members });

		// Frozen: no adjustment, no second close; the screen shows the decisions taken.
		const late = await adjust(id, f.number, { kind: 'hold', reason: 'Trop tard.' });
		expect(late.status).toBe(409);
		expect((await late.json()).error.message).toBe(
			'Cette commission est close : ses décisions ne changent plus.'
		);
		const undo = await desk.h.call(
			'DELETE',
			`/api/agent/commission/sessions/${id}/adjustments/${b.number}`,
			undefined,
			desk.staff.jar
		);
		expect(undo.status).toBe(409);
		const again = await close(id, { members });
		expect(again.status).toBe(409);
		expect((await again.json()).error.message).toBe('Cette commission est déjà close.');
		const frozen = await (await files(id)).json();
		expect(frozen.closed).toBe(true);
		expect(
			frozen.decisions.map((d: { number: number; outcome: string }) => [d.number, d.outcome])
		).toEqual([
			[a.number, 'offer'],
			[c.number, 'refuse'],
			[g.number, 'hold'],
			[b.number, 'offer'],
			[f.number, 'waitlist']
		]);
		expect(frozen.items.find((i: { number: number }) => i.number === a.number).score).toBe(7);

		// The minutes: full, then public (no family name).
		const pdf = await desk.h.call(
			'GET',
			`/api/agent/commission/sessions/${id}/minutes.pdf`,
			undefined,
			desk.staff.jar
		);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		const text = pdfText(bytes);
		expect(text).toContain('Procès-verbal');
		expect(text).toContain('Membres présents : Mme Élodie Garnier (élue, présidente) ;');
		expect(text).toContain('« Cocon de Soie »');
		expect(text).toContain('grille version 1');
		expect(text).toContain('Réside dans l’agglomération : 3 points');
		expect(text).toContain(`Demande n° ${a.number} — Léa EXEMPLE (famille LEFÈVRE)`);
		expect(text).toContain(`Rang 1 : Demande n° ${f.number}`);
		expect(text).toContain('Domicile hors de l’agglomération.');

		const pub = await desk.h.call(
			'GET',
			`/api/agent/commission/sessions/${id}/minutes.pdf?public=1`,
			undefined,
			desk.staff.jar
		);
		const publicText = pdfText(new Uint8Array(await pub.arrayBuffer()));
		expect(publicText).toContain('version publique');
		expect(publicText).toContain(`Demande n° ${a.number} — L. E.`);
		for (const name of [
			'LEFÈVRE',
			'Lefèvre',
			'MARTIN',
			'Martin',
			'NOËL',
			'PETIT',
			'ROUX',
			'Exemple',
			'Domicile'
		])
			expect(publicText).not.toContain(name);

		// A planned session has no minutes yet.
		const planned = plannedSession({});
		const none = await desk.h.call(
			'GET',
			`/api/agent/commission/sessions/${planned}/minutes.pdf`,
			undefined,
			desk.staff.jar
		);
		expect(none.status).toBe(409);

		// Figures: a hand-made history — one offer accepted 30 days after its request, the other 50.
		const submitted = (n: number) =>
			Date.parse(
				desk.h.db
					.prepare('SELECT submitted_at FROM requests WHERE number = ?')
					.pluck()
					.get(n) as string
			);
		const setOffer = desk.h.db.prepare(
			'UPDATE offers SET offered_at = ?, state = ? WHERE request_id = (SELECT id FROM requests WHERE number = ?)'
		);
		setOffer.run(submitted(a.number) + 30 * 86_400_000, 'accepted', a.number);
		setOffer.run(submitted(b.number) + 50 * 86_400_000, 'pending', b.number);
		const stats = await (
			await desk.h.call('GET', '/api/agent/commission/stats', undefined, desk.staff.jar)
		).json();
		expect(stats.items.find((s: { sessionId: string }) => s.sessionId === id)).toEqual({
			sessionId: id,
			date: expect.any(String),
			requests: 5,
			places: 2,
			offers: 2,
			acceptances: 1,
			medianWaitDays: 40
		});
		expect(stats.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(planned);
		const csv = await desk.h.call(
			'GET',
			'/api/agent/commission/stats.csv',
			undefined,
			desk.staff.jar
		);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const csvText = Buffer.from(await csv.arrayBuffer()).toString('utf8'); // keeps the BOM
		expect(csvText.startsWith('\uFEFF"Commission";"Demandes examinées";"Places";')).toBe(true);
		expect(csvText).toContain('"5";"2";"2";"1";"40"\r\n');
	});

	it('a later session examines the waiting list again and replaces its ranks; unconfirmed files are flagged, a confirmation’s answers count', async () => {
		retire();
		const first = plannedSession({ 'cocon-de-soie': 1 });
		const a = await filed('Garnier', { questionnaire: BOTH }); // 7 → offer
		const w = await filed('Weber', {
			questionnaire: { residentInArea: false, professionalSituation: ['parent1Works'] }
		}); // 0 → waiting list
		const h = await filed('Hubert', {
			questionnaire: { residentInArea: false, professionalSituation: ['parent1Works'] }
		}); // 0 → waiting list, after W (same score and time: smaller number first)
		expect((await close(first, { members: 'Mme Test' })).status).toBe(200);
		const ranks = () =>
			desk.h.db
				.prepare(
					'SELECT w.session_id FROM commission_waitlist w JOIN requests r ON r.id = w.request_id WHERE r.number = ?'
				)
				.pluck()
				.all(w.number);
		expect(ranks()).toEqual([first, first]);

		const second = plannedSession({ 'grain-d-aile': 1 });
		const c = await filed('Chevalier', {
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		}); // 3, no confirmation after the reminder: flagged
		const db = desk.h.db;
		db.prepare('UPDATE commission_sessions SET reminded_at = ? WHERE id = ?').run(
			desk.h.clock.now(),
			second
		);
		// W confirmed its situation: now resident, both parents working → 7.
		db.prepare(
			`INSERT INTO commission_confirmations (session_id, request_id, household_id, doc_id, questionnaire, confirmed_at)
			 SELECT ?, id, household_id, ?, ?, ? FROM requests WHERE number = ?`
		).run(
			second,
			`confirmation:${randomUUID()}`,
			JSON.stringify(BOTH),
			desk.h.clock.now(),
			w.number
		);

		const body = await (await files(second)).json();
		expect(
			body.items.map(
				(i: {
					number: number;
					status: string;
					score: number;
					confirmed: boolean;
					flagged: boolean;
				}) => [i.number, i.status, i.score, i.confirmed, i.flagged]
			)
		).toEqual([
			[w.number, 'Liste d’attente', 7, true, false],
			[h.number, 'Liste d’attente', 0, false, true],
			[c.number, 'Complète', 3, false, true]
		]);
		expect(body.items.map((i: { number: number }) => i.number)).not.toContain(a.number);

		// H is held: not decided this time, it keeps its status and its ranks of the first session.
		expect(
			(await adjust(second, h.number, { kind: 'hold', reason: 'Déménagement en cours.' })).status
		).toBe(200);
		await expect((await close(second, { members: 'Mme Test' })).json()).resolves.toMatchObject({
			offers: 1,
			waitlisted: 1,
			held: 1
		});
		expect(
			db
				.prepare(
					'SELECT w.structure_id, w.rank, w.session_id FROM commission_waitlist w JOIN requests r ON r.id = w.request_id WHERE r.number = ? ORDER BY w.structure_id'
				)
				.all(h.number)
		).toEqual([
			{ structure_id: 'cocon-de-soie', rank: 2, session_id: first },
			{ structure_id: 'grain-d-aile', rank: 2, session_id: first }
		]);
		expect(db.prepare('SELECT status FROM requests WHERE number = ?').pluck().get(h.number)).toBe(
			'Liste d’attente'
		);
		// W got the place of the second session: its earlier ranks are gone; C waits on its lists.
		expect(ranks()).toEqual([]);
		expect(db.prepare('SELECT status FROM requests WHERE number = ?').pluck().get(w.number)).toBe(
			'Place proposée'
		);
		expect(
			db
				.prepare(
					'SELECT w.structure_id, w.rank, w.session_id FROM commission_waitlist w JOIN requests r ON r.id = w.request_id WHERE r.number = ? ORDER BY w.structure_id'
				)
				.all(c.number)
		).toEqual([
			{ structure_id: 'cocon-de-soie', rank: 1, session_id: second },
			{ structure_id: 'grain-d-aile', rank: 1, session_id: second }
		]);
	});

	it('freezes the decisions first, then answers the families in chunks: a fault mid-way is finished by the resume job, each family answered once', async () => {
		retire();
		const names = ['Ain', 'Bis', 'Cor', 'Dus', 'Eve'];
		const fam: Filed[] = [];
		for (const n of names) fam.push(await filed(n, { questionnaire: BOTH }));
		const id = plannedSession({ 'cocon-de-soie': 2 });
		const db = desk.h.db;
		const mailsBefore = desk.h.outboxMails().length;
		applyHooks.chunk = 2;
		applyHooks.afterChunk = (n) => {
			if (n === 2) throw new Error('panne simulée');
		};
		let res: Response;
		try {
			res = await close(id, { members: 'Mme Test' });
		} finally {
			applyHooks.chunk = APPLY_CHUNK;
			applyHooks.afterChunk = null;
		}
		// The close is done (frozen); part of the families have their answer, the rest is pending.
		expect(res.status).toBe(202);
		expect(await res.json()).toMatchObject({
			closed: true,
			offers: 2,
			waitlisted: 3,
			applied: 4,
			total: 5
		});
		expect(db.prepare('SELECT state FROM commission_sessions WHERE id = ?').pluck().get(id)).toBe(
			'closed'
		);
		expect(
			db.prepare('SELECT COUNT(*) FROM commission_decisions WHERE session_id = ?').pluck().get(id)
		).toBe(5);
		const statuses = () =>
			fam.map((f) =>
				db.prepare('SELECT status FROM requests WHERE number = ?').pluck().get(f.number)
			);
		expect(statuses().filter((s) => s === 'Complète')).toHaveLength(1);
		const screen = await (await files(id)).json();
		expect(screen.closed).toBe(true);
		expect(screen.applying).toEqual({ done: 4, total: 5 });
		expect(screen.decisions).toHaveLength(5);
		// Frozen: nothing changes the decisions any more.
		expect((await adjust(id, fam[4]!.number, { kind: 'refuse', reason: 'X' })).status).toBe(409);

		// The resume job (at start and every minute) finishes the rest.
		await runCommissionApply({
			db,
			config: desk.h.config,
			clock: desk.h.clock,
			kickOutbox: () => {}
		});
		expect(statuses().filter((s) => s === 'Complète')).toHaveLength(0);
		expect(statuses().filter((s) => s === 'Place proposée')).toHaveLength(2);
		expect(statuses().filter((s) => s === 'Liste d’attente')).toHaveLength(3);
		expect((await (await files(id)).json()).applying).toBeUndefined();
		// Exactly once: one mail and one new status step per family.
		const mails = desk.h.outboxMails().slice(mailsBefore);
		for (const f of fam) {
			expect(
				mails.filter((m) => m.to === f.family.email),
				f.family.email
			).toHaveLength(1);
			await f.family.pull();
			const doc = (await f.family.device.get(`svc:status:${f.docId}`)) as unknown as {
				status: string;
				history: { status: string }[];
			};
			expect(doc.history.filter((h) => h.status === doc.status)).toHaveLength(1);
			expect(['Place proposée', 'Liste d’attente']).toContain(doc.status);
		}
		expect(db.prepare('SELECT COUNT(*) FROM offers WHERE session_id = ?').pluck().get(id)).toBe(2);
		// A second pass of the job finds nothing to do.
		const mailCount = desk.h.outboxMails().length;
		await runCommissionApply({
			db,
			config: desk.h.config,
			clock: desk.h.clock,
			kickOutbox: () => {}
		});
		expect(desk.h.outboxMails()).toHaveLength(mailCount);
	});

	it('answers other requests between the chunks of a close', async () => {
		retire();
		const fam: Filed[] = [];
		for (const n of ['Fil', 'Gué', 'Hop']) fam.push(await filed(n, { questionnaire: BOTH }));
		const id = plannedSession({ 'cocon-de-soie': 1 });
		let answeredWhileApplied: number | null = null;
		let health: Promise<void> | null = null;
		applyHooks.chunk = 1;
		applyHooks.afterChunk = (n) => {
			if (n === 1)
				health = desk.h.call('GET', '/api/health').then((r) => {
					expect(r.status).toBe(200);
					answeredWhileApplied = applyProgress({ db: desk.h.db }, id).done;
				});
		};
		try {
			expect((await close(id, { members: 'Mme Test' })).status).toBe(200);
		} finally {
			applyHooks.chunk = APPLY_CHUNK;
			applyHooks.afterChunk = null;
		}
		await health;
		// Answered after the first family's answer and before the last one's.
		expect(answeredWhileApplied).toBeGreaterThanOrEqual(1);
		expect(answeredWhileApplied).toBeLessThan(3);
	});
});
