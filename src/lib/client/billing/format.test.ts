import { describe, expect, it } from 'vitest';
import {
	meansLabel,
	monthLabel,
	ofMonth,
	parseEurosToCents,
	previewSummary,
	previousMonth,
	progressText
} from './format';

describe('the billing pages’ French words', () => {
	it('names a month in French, with the elision of « de »', () => {
		expect(monthLabel('2027-03')).toBe('mars 2027');
		expect(monthLabel('2027-13')).toBe('');
		expect(ofMonth('2027-03')).toBe('de mars 2027');
		expect(ofMonth('2027-04')).toBe('d’avril 2027');
		expect(ofMonth('2027-08')).toBe('d’août 2027');
		expect(ofMonth('2027-10')).toBe('d’octobre 2027');
	});

	it('proposes the previous month, across a new year', () => {
		expect(previousMonth('2027-03-15')).toBe('2027-02');
		expect(previousMonth('2027-01-02')).toBe('2026-12');
	});

	it('counts the run’s progress with French grouping', () => {
		expect(progressText(120, 5000).replace(/\s/g, ' ')).toBe('120 / 5 000 factures émises');
		expect(progressText(1, 1)).toBe('1 / 1 facture émise');
	});

	it('sums up the preview in one sentence, spaced as French wants', () => {
		const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
		expect(plain(previewSummary({ count: 2, totalCents: 111420, alreadyIssued: 0 }))).toBe(
			'2 factures à émettre pour 1 114,20 €.'
		);
		expect(plain(previewSummary({ count: 0, totalCents: 0, alreadyIssued: 1 }))).toBe(
			'Aucune facture à émettre ; 1 facture déjà émise.'
		);
		expect(plain(previewSummary({ count: 1, totalCents: 55710, alreadyIssued: 3 }))).toBe(
			'1 facture à émettre pour 557,10 € ; 3 factures déjà émises.'
		);
	});

	it('reads euros as an agent types them', () => {
		expect(parseEurosToCents('12,50')).toBe(1250);
		expect(parseEurosToCents('12.5')).toBe(1250);
		expect(parseEurosToCents(' 1 234 € ')).toBe(123400);
		expect(parseEurosToCents('7')).toBe(700);
		expect(parseEurosToCents('12,345')).toBeNull();
		expect(parseEurosToCents('-3')).toBeNull();
		expect(parseEurosToCents('')).toBeNull();
		expect(parseEurosToCents('douze')).toBeNull();
	});

	it('names the means of payment', () => {
		expect(meansLabel('card')).toBe('Carte bancaire');
		expect(meansLabel('debit')).toBe('Prélèvement');
		expect(meansLabel(null)).toBe('—');
	});
});
