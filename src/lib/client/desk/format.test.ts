import { describe, expect, it } from 'vitest';
import {
	addressLines,
	childLine,
	commissionChoices,
	dateTime,
	dayLabel,
	decisionLabel,
	deskTitle,
	fileSize,
	peopleLine,
	personName,
	viewerKind
} from './format';

describe('staff desk formatting', () => {
	it('writes names family name first, in capitals', () => {
		expect(personName({ lastName: 'Lefèvre', firstNames: 'Éloïse Marie' })).toBe(
			'LEFÈVRE Éloïse Marie'
		);
		expect(peopleLine([])).toBe('—');
		expect(
			peopleLine([
				{ lastName: 'Durand', firstNames: 'Léa' },
				{ lastName: 'Durand', firstNames: 'Tom' }
			])
		).toBe('DURAND Léa, DURAND Tom');
	});

	it('writes an address on the lines a letter would use, skipping what is empty', () => {
		expect(
			addressLines({
				number: '12',
				street: 'rue des Lilas',
				building: 'B',
				apartment: '4',
				complement: null,
				postalCode: '38200',
				city: 'Vienne'
			})
		).toEqual(['12 rue des Lilas', 'Bât. B, appt 4', '38200 Vienne']);
		expect(addressLines(null)).toEqual([]);
	});

	it('shows dates at the service’s time (Europe/Paris), days without a time-zone shift', () => {
		expect(dateTime('2026-11-26T23:30:00Z')).toBe('27/11/2026 à 00:30');
		expect(dayLabel('2027-01-05')).toBe('05/01/2027');
		expect(dayLabel(null)).toBe('');
	});

	it('gives sizes in French units', () => {
		expect(fileSize(512)).toBe('512 o');
		expect(fileSize(350 * 1024)).toBe('350 ko');
		expect(fileSize(1.25 * 1024 * 1024)).toBe('1,3 Mo');
	});

	it('shows images and PDF inline, anything else only as a download', () => {
		expect(viewerKind('image/jpeg')).toBe('image');
		expect(viewerKind('application/pdf')).toBe('pdf');
		expect(viewerKind('application/zip')).toBe('none');
	});

	it('describes the child, born or expected', () => {
		expect(childLine({ lastName: 'Durand', firstNames: 'Léa', birthDate: '2026-03-02' })).toBe(
			'DURAND Léa, né(e) le 02/03/2026'
		);
		expect(childLine({ lastName: '', firstNames: '', expectedDate: '2027-02-01' })).toBe(
			'Enfant à naître, naissance prévue le 01/02/2027'
		);
	});

	it('puts the waiting count in the tab title', () => {
		expect(deskTitle(3)).toBe('(3) Espace agent');
		expect(deskTitle(0)).toBe('Espace agent');
		expect(deskTitle(null)).toBe('Espace agent');
		expect(deskTitle(12, 'Demande n° 4')).toBe('(12) Espace agent – Demande n° 4');
	});

	it('offers the commission sessions around today, as « mars 2027 »', () => {
		const choices = commissionChoices(new Date('2026-11-27T00:00:00Z'));
		expect(choices).toContainEqual({ value: '2026-12', label: 'décembre 2026' });
		expect(choices).toContainEqual({ value: '2027-03', label: 'mars 2027' });
		expect(choices[0]).toEqual({ value: '2025-12', label: 'décembre 2025' });
		expect(choices.every((c) => /-(03|06|09|12)$/.test(c.value))).toBe(true);
	});
});

describe('the service’s decision on a declared member', () => {
	it('reads « Refusé — motif : … » for a refusal, and plain words otherwise', () => {
		expect(decisionLabel({ decision: 'refused', reason: 'Téléphone injoignable.' })).toBe(
			'Refusé — motif : Téléphone injoignable.'
		);
		expect(decisionLabel({ decision: 'refused', reason: null })).toBe('Refusé');
		expect(decisionLabel({ decision: 'validated', reason: null })).toBe('Validé');
		expect(decisionLabel({ decision: 'pending', reason: null })).toBe('À examiner');
	});
});
