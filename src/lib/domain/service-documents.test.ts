import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	MessageDoc,
	StatusDoc,
	messageDocId,
	messageDocProblem,
	statusDocId,
	statusDocProblem
} from './service-documents';

const subjectId = 'preinscription:0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const status = (extra: Record<string, unknown> = {}) => ({
	type: 'status',
	subjectId,
	subjectType: 'preinscription',
	requestNumber: 36,
	status: 'Déposée',
	history: [{ status: 'Déposée', at: '2021-11-04T09:13:00.000Z' }],
	...extra
});
const message = (extra: Record<string, unknown> = {}) => ({
	type: 'message',
	title: 'Commission d’attribution',
	body: 'La prochaine commission a lieu en mars.',
	sentAt: '2026-11-20T08:00:00.000Z',
	...extra
});

describe('svc:status documents', () => {
	it('ids are svc:status:<document id> and svc:message:<uuid>', () => {
		expect(statusDocId(subjectId)).toBe(`svc:status:${subjectId}`);
		expect(messageDocId('abc')).toBe('svc:message:abc');
	});

	it('accepts what the projector writes, and extra fields', () => {
		expect(statusDocProblem(status())).toBeNull();
		expect(statusDocProblem(status({ structure: 'x' }))).toBeNull();
		// The service's decision per declared member (household file, issue 9).
		expect(
			statusDocProblem(
				status({
					members: {
						m1: { decision: 'validated' },
						m2: { decision: 'refused', reason: 'Pièce illisible.' },
						m3: { decision: 'pending' }
					}
				})
			)
		).toBeNull();
		const later = status({
			status: 'Refusée',
			reason: 'Dossier incomplet.',
			history: [
				{ status: 'Déposée', at: '2021-11-04T09:13:00.000Z' },
				{ status: 'Refusée', at: '2021-12-01T10:00:00.000Z' }
			]
		});
		expect(v.parse(StatusDoc, later).reason).toBe('Dossier incomplet.');
	});

	it.each([
		[{ type: 'message' }, 'Le type du document doit être « status ».'],
		[
			{ subjectId: 'piece:0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90' },
			'Le document de la demande doit être une préinscription ou une déclaration d’entourage.'
		],
		[{ subjectType: 'entourage' }, 'Le type de la demande ne correspond pas à son document.'],
		[{ requestNumber: undefined }, 'Le numéro de demande est obligatoire.'],
		[{ requestNumber: 1.5 }, 'Le numéro de demande doit être un entier.'],
		[{ requestNumber: 0 }, 'Le numéro de demande doit être positif.'],
		[
			{ status: 'Perdue', history: [{ status: 'Perdue', at: '2021-11-04T09:13:00.000Z' }] },
			'Statut de demande inconnu.'
		],
		[{ history: [] }, 'L’historique contient au moins le dépôt de la demande.'],
		[
			{ history: [{ status: 'Déposée', at: 'hier' }] },
			'Le champ « Date du statut » doit être une date et une heure ISO.'
		],
		[{ status: 'Complète' }, 'Le statut doit être le dernier de l’historique.'],
		[{ members: { m1: { decision: 'peut-être' } } }, 'Décision inconnue pour ce membre.'],
		[{ members: 'toutes' }, 'Les décisions doivent être un objet.'],
		[
			{
				status: 'Complète',
				history: [
					{ status: 'Déposée', at: '2021-11-04T09:13:00.000Z' },
					{ status: 'Complète', at: '2021-11-03T09:13:00.000Z' }
				]
			},
			'L’historique doit être dans l’ordre chronologique.'
		]
	])('refuses %j with a French reason', (extra, reason) => {
		expect(statusDocProblem(status(extra))).toBe(reason);
	});
});

describe('svc:message documents', () => {
	it('accepts a message, optionally about a request', () => {
		expect(messageDocProblem(message())).toBeNull();
		expect(v.parse(MessageDoc, message({ subjectId })).subjectId).toBe(subjectId);
	});

	it.each([
		[{ type: 'status' }, 'Le type du document doit être « message ».'],
		[{ title: '  ' }, 'Le titre du message est obligatoire.'],
		[{ title: 'x'.repeat(151) }, 'Le titre du message ne peut pas dépasser 150 caractères.'],
		[{ body: undefined }, 'Le texte du message est obligatoire.'],
		[{ body: '' }, 'Le texte du message est obligatoire.'],
		[{ sentAt: '20/11/2026' }, 'Le champ « Date d’envoi » doit être une date et une heure ISO.']
	])('refuses %j with a French reason', (extra, reason) => {
		expect(messageDocProblem(message(extra))).toBe(reason);
	});
});
