// The service's PDF text layout: French text drawn as typed, what Helvetica cannot draw replaced
// instead of failing the whole document, long text wrapped and continued on new pages.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import { TextPdf } from './text-pdf';

describe('TextPdf', () => {
	it('draws French accents, « », ’ and œ; replaces what the font cannot draw; numbers the pages', async () => {
		const pdf = await TextPdf.create({ title: 'Essai' });
		pdf.heading('Procès-verbal', 1);
		pdf.text('L’élue « Petite enfance », sœur Noëlle — à 10\u202fh.');
		pdf.text('Membres : Łukasz Wiśniewski 🙂\nM. Dupont');
		const bytes = await pdf.save();
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		const text = pdfText(bytes);
		expect(text).toContain('Procès-verbal');
		expect(text).toContain('L’élue « Petite enfance », sœur Noëlle — à 10 h.');
		expect(text).toContain('Membres : ?ukasz Wi?niewski ? M. Dupont');
		expect(text).toContain('Page 1 / 1');
	});

	it('wraps a long paragraph within the page and continues on a new page', async () => {
		const pdf = await TextPdf.create({ title: 'Long' });
		const words = Array.from({ length: 2500 }, (_, i) => `mot${i}`).join(' ');
		pdf.text(words);
		const bytes = await pdf.save();
		const doc = await PDFDocument.load(bytes);
		expect(doc.getPageCount()).toBeGreaterThan(1);
		const text = pdfText(bytes);
		expect(text).toContain(`Page ${doc.getPageCount()} / ${doc.getPageCount()}`);
		// Every word is there, in order, none cut.
		const drawn = text
			.split('\n')
			.filter((l) => l.startsWith('mot'))
			.join(' ')
			.split(' ');
		expect(drawn).toEqual(words.split(' '));
	});
});
