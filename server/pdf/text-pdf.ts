// A small text layout on pdf-lib for the service's documents (the commission's minutes; issue 11's
// invoices): A4 pages, Helvetica (WinAnsi: French accents, « », ’ and œ), headings, wrapped
// paragraphs, indented lines, automatic page breaks, « Page n / N » footers. Characters Helvetica
// cannot encode are replaced (narrow no-break spaces by spaces, others by « ? »).
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER = 28;

export interface TextOptions {
	size?: number;
	bold?: boolean;
	/** Points from the left margin. */
	indent?: number;
	/** Grey text (notes). */
	muted?: boolean;
}

const REPLACEMENTS: Record<string, string> = {
	'\u202f': ' ',
	'\u2009': ' ',
	'\u2007': ' ',
	'\u2010': '-',
	'\u2011': '-',
	'\u2212': '-'
};

export class TextPdf {
	private page!: PDFPage;
	/** The font the page draws with now (pdf-lib adds a font resource at each change). */
	private pageFont: PDFFont | null = null;
	private y = 0;
	private readonly encodable = new Map<string, boolean>();

	private constructor(
		readonly doc: PDFDocument,
		private readonly regular: PDFFont,
		private readonly bold: PDFFont
	) {
		this.newPage();
	}

	static async create(meta: { title: string; author?: string }): Promise<TextPdf> {
		const doc = await PDFDocument.create();
		doc.setTitle(TextPdf.clean(meta.title));
		if (meta.author) doc.setAuthor(meta.author);
		doc.setLanguage('fr-FR');
		doc.setCreator('Espace Famille');
		doc.setProducer('Espace Famille');
		const regular = await doc.embedFont(StandardFonts.Helvetica);
		const bold = await doc.embedFont(StandardFonts.HelveticaBold);
		return new TextPdf(doc, regular, bold);
	}

	private static clean(text: string): string {
		return text.replace(/[\u202f\u2009\u2007\u2010\u2011\u2212]/g, (c) => REPLACEMENTS[c] ?? ' ');
	}

	/** The text with what the font cannot draw replaced. */
	private safe(text: string, font: PDFFont): string {
		let out = '';
		for (const ch of TextPdf.clean(text).replace(/[\r\n\t]+/g, ' ')) {
			let ok = this.encodable.get(ch);
			if (ok === undefined) {
				try {
					font.encodeText(ch);
					ok = true;
				} catch {
					ok = false;
				}
				this.encodable.set(ch, ok);
			}
			out += ok ? ch : '?';
		}
		return out;
	}

	private newPage(): void {
		this.page = this.doc.addPage(A4);
		this.pageFont = null;
		this.y = A4[1] - MARGIN;
	}

	private ensure(height: number): void {
		if (this.y - height < MARGIN + FOOTER) this.newPage();
	}

	private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
		const lines: string[] = [];
		let line = '';
		for (const word of text.split(/ +/)) {
			const next = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
			else {
				lines.push(line);
				line = word;
			}
		}
		if (line) lines.push(line);
		return lines.length ? lines : [''];
	}

	/** A paragraph, wrapped to the page's width. */
	text(text: string, opts: TextOptions = {}): this {
		const size = opts.size ?? 10;
		const font = opts.bold ? this.bold : this.regular;
		const indent = opts.indent ?? 0;
		const width = A4[0] - 2 * MARGIN - indent;
		const leading = size * 1.35;
		for (const line of this.wrap(this.safe(text, font), font, size, width)) {
			this.ensure(leading);
			this.y -= leading;
			// Setting the font once per change, not per line: drawText({font}) sets and resets it,
			// adding two font resources to the page each time (a third of a line's cost).
			if (this.pageFont !== font) {
				this.page.setFont(font);
				this.pageFont = font;
			}
			this.page.drawText(line, {
				x: MARGIN + indent,
				y: this.y,
				size,
				color: opts.muted ? rgb(0.35, 0.35, 0.35) : rgb(0.1, 0.1, 0.1)
			});
		}
		return this;
	}

	heading(text: string, level: 1 | 2 | 3 = 2): this {
		const size = level === 1 ? 16 : level === 2 ? 13 : 11;
		this.space(level === 1 ? 0 : 8);
		this.ensure(size * 3); // never a heading alone at the bottom of a page
		return this.text(text, { size, bold: true });
	}

	space(points = 6): this {
		this.y -= points;
		return this;
	}

	/** The document's bytes, with « Page n / N » at the foot of each page. */
	async save(): Promise<Uint8Array> {
		const pages = this.doc.getPages();
		pages.forEach((p, i) =>
			p.drawText(`Page ${i + 1} / ${pages.length}`, {
				x: A4[0] - MARGIN - 60,
				y: MARGIN - 20,
				size: 8,
				font: this.regular,
				color: rgb(0.35, 0.35, 0.35)
			})
		);
		return this.doc.save({ useObjectStreams: false });
	}
}
