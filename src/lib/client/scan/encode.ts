// One scanned page → a JPEG fit to send: EXIF orientation applied (the photo stands as taken),
// at most `maxSide` pixels on its longest side, re-encoded at the best quality that fits
// `maxBytes`. Re-encoding from pixels drops every metadata block (EXIF, GPS location, maker
// notes). Runs in the scan worker (OffscreenCanvas) or, where that is missing, on the main thread.

export interface EncodeOptions {
	maxSide: number;
	maxBytes: number;
	/** Clockwise quarter turns to apply after the EXIF orientation (the parent's « Pivoter »). */
	quarterTurns: number;
}

export interface EncodedPage {
	blob: Blob;
	width: number;
	height: number;
}

export const PAGE_LIMITS = { maxSide: 2000, maxBytes: 1_000_000 } as const;

/** JPEG qualities tried in turn; ≥ 0.6 keeps printed text crisp at 2000 px. */
const QUALITIES = [0.85, 0.78, 0.7, 0.62, 0.54, 0.46];

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

function newCanvas(width: number, height: number): AnyCanvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

function toJpeg(canvas: AnyCanvas, quality: number): Promise<Blob> {
	if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(b) => (b ? resolve(b) : reject(new Error('encode failed'))),
			'image/jpeg',
			quality
		)
	);
}

/** Target size: the longest side at most `maxSide`, never enlarged. */
export function fitSize(width: number, height: number, maxSide: number) {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

export async function encodePage(source: Blob, options: EncodeOptions): Promise<EncodedPage> {
	const bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
	try {
		const { width, height } = fitSize(bitmap.width, bitmap.height, options.maxSide);
		const turns = ((options.quarterTurns % 4) + 4) % 4;
		const sideways = turns % 2 === 1;
		const canvas = newCanvas(sideways ? height : width, sideways ? width : height);
		const ctx = canvas.getContext('2d') as
			OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
		if (!ctx) throw new Error('no 2d context');
		ctx.imageSmoothingEnabled = true;
		ctx.imageSmoothingQuality = 'high';
		ctx.fillStyle = '#fff'; // a transparent PNG becomes white paper, not black
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.translate(canvas.width / 2, canvas.height / 2);
		ctx.rotate((turns * Math.PI) / 2);
		ctx.drawImage(bitmap, -width / 2, -height / 2, width, height);
		let blob: Blob | null = null;
		for (const quality of QUALITIES) {
			blob = await toJpeg(canvas, quality);
			if (blob.size <= options.maxBytes) break;
		}
		return { blob: blob!, width: canvas.width, height: canvas.height };
	} finally {
		bitmap.close();
	}
}
