// What the scanner calls for each photo or file the parent adds: images become a page through the
// scan worker (encode.ts), a PDF is kept as it is within a size limit; anything else is refused
// with a French reason. Each page is measured (`performance.measure('ef-scan-page')`, read by
// `npm run bench:scan`).
import { encodePage, PAGE_LIMITS, type EncodedPage, type EncodeOptions } from './encode';

export interface PreparedPage {
	blob: Blob;
	contentType: 'image/jpeg' | 'application/pdf';
	width: number;
	height: number;
}

export class ScanError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ScanError';
	}
}

export const MAX_PDF_BYTES = 4_000_000;
export const UNREADABLE_IMAGE =
	'Cette image ne peut pas être lue. Reprenez la photo, ou choisissez un fichier JPEG, PNG ou PDF.';
export const NOT_A_DOCUMENT =
	'Ce fichier n’est ni une image ni un PDF : choisissez une photo ou un PDF.';
export const PDF_TOO_BIG = `Ce PDF dépasse ${MAX_PDF_BYTES / 1_000_000} Mo : numérisez plutôt ses pages avec l’appareil photo.`;

let worker: Worker | null = null;
let nextJob = 1;
const jobs = new Map<number, { resolve: (p: EncodedPage) => void; reject: (e: Error) => void }>();

function scanWorker(): Worker | null {
	if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
	if (!worker) {
		worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent) => {
			const { id, ok, message, ...page } = event.data as {
				id: number;
				ok: boolean;
				message?: string;
			} & EncodedPage;
			const job = jobs.get(id);
			jobs.delete(id);
			if (ok) job?.resolve(page);
			else job?.reject(new Error(message));
		};
	}
	return worker;
}

function encode(blob: Blob, options: EncodeOptions): Promise<EncodedPage> {
	const w = scanWorker();
	if (!w) return encodePage(blob, options); // no OffscreenCanvas: on the main thread
	const id = nextJob++;
	return new Promise((resolve, reject) => {
		jobs.set(id, { resolve, reject });
		w.postMessage({ id, blob, options });
	});
}

async function isPdf(file: Blob): Promise<boolean> {
	if (file.type === 'application/pdf') return true;
	const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
	return String.fromCharCode(...head) === '%PDF-';
}

/** One page ready for the workbench; `quarterTurns` rotates it clockwise. */
export async function preparePage(file: Blob, quarterTurns = 0): Promise<PreparedPage> {
	if (await isPdf(file)) {
		if (file.size > MAX_PDF_BYTES) throw new ScanError(PDF_TOO_BIG);
		return { blob: file, contentType: 'application/pdf', width: 0, height: 0 };
	}
	if (file.type && !file.type.startsWith('image/')) throw new ScanError(NOT_A_DOCUMENT);
	const start = performance.now();
	try {
		const page = await encode(file, { ...PAGE_LIMITS, quarterTurns });
		return { ...page, contentType: 'image/jpeg' };
	} catch {
		throw new ScanError(UNREADABLE_IMAGE);
	} finally {
		performance.measure('ef-scan-page', { start, end: performance.now() });
	}
}
