// Document schemas: drafts checked field by field, submitted documents in full (SYNC_SPEC S-VAL-*).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	BIRTH_DATE_IN_FUTURE,
	BIRTH_DATE_TOO_OLD,
	CONTACT_MEANS_REQUIRED,
	EXPECTED_DATE_PAST,
	EXPECTED_DATE_TOO_FAR,
	documentProblem,
	memberFieldErrors,
	parseDocId,
	REPLY_NEEDS_PIECES
} from './documents';

const uuid = '2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';

describe('household documents', () => {
	it('parses <type>:<uuid> ids only', () => {
		expect(parseDocId(`piece:${uuid}`)).toEqual({ type: 'piece', uuid });
		expect(parseDocId('piece:42')).toBeNull();
		expect(parseDocId(uuid)).toBeNull();
	});

	it('S-VAL-1 accepts an incomplete draft, checks the fields present', () => {
		expect(
			documentProblem('preinscription', { type: 'preinscription', state: 'draft' }, false)
		).toBeNull();
		expect(
			documentProblem('preinscription', { type: 'preinscription', choices: [] }, false)
		).toMatch(/au moins une structure/);
		expect(
			documentProblem('entourage', { type: 'entourage', members: [{ role: 'child' }] }, false)
		).toBeNull();
		expect(
			documentProblem('entourage', { type: 'entourage', members: [{ role: 'cousin' }] }, false)
		).toMatch(/rôle du membre/);
	});

	it('S-VAL-2 requires a complete submitted document, in French', () => {
		expect(
			documentProblem(
				'preinscription',
				{ type: 'preinscription', state: 'submitted', childId: uuid },
				false
			)
		).toBe('Le champ « Date d’entrée souhaitée » est obligatoire.');
		const piece = {
			type: 'piece',
			state: 'submitted',
			kind: 'birthCertificate',
			personId: uuid,
			label: 'Acte'
		};
		expect(documentProblem('piece', piece, false)).toMatch(/au moins une page/);
		expect(documentProblem('piece', piece, true)).toBeNull();
		expect(
			documentProblem('entourage', { type: 'entourage', state: 'submitted', members: [] }, false)
		).toMatch(/au moins un membre/);
	});
});

// The family's answer to « Pièces demandées » (issue 9): a draft may be empty, a submitted reply
// names its request and at least one piece.
describe('reply to « Pièces demandées »', () => {
	const requestId = `preinscription:${uuid}`;
	const pieceId = `piece:${uuid}`;

	it('S-VAL-1 a draft may have no piece yet; its fields are checked', () => {
		expect(documentProblem('reply', { type: 'reply', requestId, pieceIds: [] }, false)).toBeNull();
		expect(documentProblem('reply', { type: 'reply', requestId: `piece:${uuid}` }, false)).toMatch(
			/préinscription ou une déclaration/
		);
	});

	it('S-VAL-2 a submitted reply needs at least one piece: « Ajoutez au moins une pièce. »', () => {
		const reply = { type: 'reply', state: 'submitted', requestId };
		expect(documentProblem('reply', reply, false)).toBe(REPLY_NEEDS_PIECES);
		expect(documentProblem('reply', { ...reply, pieceIds: [] }, false)).toBe(REPLY_NEEDS_PIECES);
		expect(documentProblem('reply', { ...reply, pieceIds: [pieceId] }, false)).toBeNull();
		expect(
			documentProblem('reply', { ...reply, pieceIds: [pieceId], comment: 'x'.repeat(2001) }, false)
		).toMatch(/Commentaire/);
		expect(
			documentProblem('reply', { type: 'reply', state: 'submitted', pieceIds: [pieceId] }, false)
		).toBe('Le champ « Demande » est obligatoire.');
	});
});

// Members of a household declaration (guide « JE SOUHAITE AJOUTER UN MEMBRE DE MA FAMILLE »):
// each kind has its own required fields; dates are judged against today in Europe/Paris.
describe('members of a household declaration', () => {
	const id = uuid;
	const child = {
		id,
		role: 'child',
		lastName: 'Martin',
		firstNames: 'Léa',
		birthDate: '2024-03-02'
	};
	const unborn = {
		id,
		role: 'child',
		lastName: 'Martin',
		toBeBorn: true,
		expectedBirthDate: '2027-01-15'
	};
	const parent = {
		id,
		role: 'coRepresentative',
		civility: 'Monsieur',
		lastName: 'Martin',
		firstNames: 'Paul',
		birthDate: '1988-06-30',
		phone: '06 12 34 56 78'
	};
	const contact = {
		id,
		role: 'contact',
		lastName: 'Durand',
		firstNames: 'Mireille',
		phone: '0612345678',
		relationship: 'Grand-parent'
	};
	const submitted = (...members: unknown[]) =>
		documentProblem('entourage', { type: 'entourage', state: 'submitted', members }, false);

	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
	});
	afterEach(() => vi.useRealTimers());

	it('accepts a complete member of each kind, several in one declaration', () => {
		for (const m of [child, unborn, parent, contact]) expect(memberFieldErrors(m)).toEqual({});
		expect(submitted(child, unborn, parent, contact)).toBeNull();
	});

	it('a child needs names and a birth date', () => {
		expect(memberFieldErrors({ id, role: 'child' })).toEqual({
			lastName: 'Le champ « Nom » est obligatoire.',
			firstNames: 'Le champ « Prénom(s) » est obligatoire.',
			birthDate: 'Le champ « Date de naissance » est obligatoire.'
		});
	});

	it('a birth date is a real date, not in the future, not before 1900', () => {
		expect(memberFieldErrors({ ...child, birthDate: '2024-02-30' })).toEqual({
			birthDate: 'Le champ « Date de naissance » doit être une date valide (AAAA-MM-JJ).'
		});
		expect(memberFieldErrors({ ...child, birthDate: '2026-11-27' })).toEqual({
			birthDate: BIRTH_DATE_IN_FUTURE
		});
		expect(memberFieldErrors({ ...child, birthDate: '2026-11-26' })).toEqual({});
		expect(memberFieldErrors({ ...parent, birthDate: '1899-12-31' })).toEqual({
			birthDate: BIRTH_DATE_TOO_OLD
		});
	});

	it('a child to be born needs an expected birth date, the first name is optional', () => {
		expect(memberFieldErrors({ id, role: 'child', lastName: 'Martin', toBeBorn: true })).toEqual({
			expectedBirthDate: 'Le champ « Date de naissance prévue » est obligatoire.'
		});
		expect(memberFieldErrors({ ...unborn, firstNames: 'Jules' })).toEqual({});
	});

	it('an expected birth date at most a month past and at most ten months ahead', () => {
		expect(memberFieldErrors({ ...unborn, expectedBirthDate: '2026-10-26' })).toEqual({});
		expect(memberFieldErrors({ ...unborn, expectedBirthDate: '2026-10-25' })).toEqual({
			expectedBirthDate: EXPECTED_DATE_PAST
		});
		expect(memberFieldErrors({ ...unborn, expectedBirthDate: '2027-09-28' })).toEqual({
			expectedBirthDate: EXPECTED_DATE_TOO_FAR
		});
	});

	it('a co-representative needs a civility, names, a birth date and a courriel or a phone', () => {
		expect(memberFieldErrors({ id, role: 'coRepresentative' })).toEqual({
			civility: 'Choisissez la civilité : Madame ou Monsieur.',
			lastName: 'Le champ « Nom » est obligatoire.',
			firstNames: 'Le champ « Prénom(s) » est obligatoire.',
			birthDate: 'Le champ « Date de naissance » est obligatoire.',
			email: CONTACT_MEANS_REQUIRED
		});
		expect(memberFieldErrors({ ...parent, phone: undefined, email: 'paul@exemple.fr' })).toEqual(
			{}
		);
		expect(memberFieldErrors({ ...parent, email: 'paul@' })).toEqual({
			email: 'Le courriel doit être une adresse valide, par exemple prenom.nom@exemple.fr.'
		});
		expect(memberFieldErrors({ ...parent, phone: '12' })).toEqual({
			phone: 'Le champ « Téléphone » doit être un numéro de téléphone français (10 chiffres).'
		});
	});

	it('a contact needs names, a phone and the link to the child', () => {
		expect(memberFieldErrors({ id, role: 'contact', lastName: 'Durand', firstNames: 'M' })).toEqual(
			{
				phone: 'Le champ « Téléphone » est obligatoire.',
				relationship: 'Le champ « Lien avec l’enfant » est obligatoire.'
			}
		);
		expect(memberFieldErrors({ ...contact, phone: '06 12' })).toEqual({
			phone: 'Le champ « Téléphone » doit être un numéro de téléphone français (10 chiffres).'
		});
	});

	it('an unknown kind of member is refused', () => {
		expect(memberFieldErrors({ ...child, role: 'cousin' })).toEqual({
			role: 'Le rôle du membre doit être co-représentant, enfant ou contact.'
		});
	});

	it('S-VAL-2 a submitted declaration names the member at fault', () => {
		expect(submitted(child, { ...contact, phone: '' })).toBe(
			'Membre 2 : Le champ « Téléphone » est obligatoire.'
		);
		expect(submitted({ ...child, birthDate: '2027-01-01' })).toBe(
			`Membre 1 : ${BIRTH_DATE_IN_FUTURE}`
		);
	});

	it('a malformed member gets a French reason naming it, never valibot’s English', () => {
		expect(submitted({ ...child, toBeBorn: 'oui' })).toBe(
			'Membre 1 : « Enfant à naître » doit être oui ou non.'
		);
		expect(
			documentProblem('entourage', { type: 'entourage', state: 'submitted', members: 'x' }, false)
		).toBe('Les membres doivent être une liste.');
		expect(submitted(null)).toBe(
			'Membre 1 : Le rôle du membre doit être co-représentant, enfant ou contact.'
		);
		expect(documentProblem('entourage', { type: 'entourage', members: [child, 'x'] }, false)).toBe(
			'Membre 2 : Chaque membre doit être décrit par ses champs (nom, prénom…).'
		);
	});

	it('S-VAL-1 a draft keeps a member being typed: empty fields, no kind yet, half a declaration', () => {
		const draft = (members: unknown[]) =>
			documentProblem('entourage', { type: 'entourage', members }, false);
		expect(draft([{ id, role: 'child', lastName: '', birthDate: '', toBeBorn: false }])).toBeNull();
		expect(draft([{ id }])).toBeNull();
		expect(draft([{ id, birthDate: '2024-02-30' }])).toBe(
			'Membre 1 : Le champ « Date de naissance » doit être une date valide (AAAA-MM-JJ).'
		);
		expect(draft([{ id, pieceIds: ['preinscription:' + uuid] }])).toMatch(/document piece/);
	});
});

describe('members of any shape', () => {
	// A deterministic sample of odd members (what a modified client could send): every refusal is
	// a French sentence, never valibot's English, and nothing throws.
	it('S-VAL-2 every refusal of 2 000 odd members is French', () => {
		let seed = 42;
		const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
		const values = [
			undefined,
			null,
			'',
			' ',
			'x',
			0,
			true,
			false,
			[],
			{},
			'2024-02-30',
			'2024-03-02'
		];
		const keys = [
			'id',
			'role',
			'civility',
			'lastName',
			'firstNames',
			'birthDate',
			'toBeBorn',
			'expectedBirthDate',
			'email',
			'phone',
			'relationship',
			'pieceIds'
		];
		const roles = ['child', 'contact', 'coRepresentative', 'x', undefined, 3];
		for (let i = 0; i < 2_000; i++) {
			const member: Record<string, unknown> = { id: uuid, role: pick(roles) };
			for (const key of keys) if (rand() < 0.4) member[key] = pick(values);
			const members = rand() < 0.1 ? pick(values) : [member];
			for (const state of ['draft', 'submitted']) {
				const problem = documentProblem('entourage', { type: 'entourage', state, members }, false);
				if (problem)
					expect(problem, JSON.stringify(member)).not.toMatch(/Invalid|Expected|received/);
			}
			for (const message of Object.values(memberFieldErrors(member)))
				expect(message, JSON.stringify(member)).not.toMatch(/Invalid|Expected|received/);
		}
	});
});
