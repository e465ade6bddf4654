// JPEG helpers for the scanning journeys: a photo drawn by Chromium, an EXIF block (orientation and
// a GPS tag) spliced in as a phone would write it, and the pixel size read back from the bytes.
import type { Page } from '@playwright/test';

/** A landscape JPEG photo of `width`×`height` with printed text and noise, made by the page. */
export async function photoJpeg(page: Page, width: number, height: number): Promise<Buffer> {
	const base64 = await page.evaluate(
		async ({ width, height }) => {
			const canvas = new OffscreenCanvas(width, height);
			const ctx = canvas.getContext('2d')!;
			const img = ctx.createImageData(width, height);
			for (let i = 0; i < img.data.length; i += 4) {
				const v = 180 + ((i * 2654435761) >>> 26);
				img.data[i] = v;
				img.data[i + 1] = v - 10;
				img.data[i + 2] = v - 25;
				img.data[i + 3] = 255;
			}
			ctx.putImageData(img, 0, 0);
			ctx.fillStyle = '#111';
			ctx.font = `${Math.round(height / 20)}px serif`;
			for (let y = 1; y < 12; y++)
				ctx.fillText(
					'Justificatif de domicile — 12 rue des Essais, 38200 Vienne',
					40,
					(y * height) / 12
				);
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
			const bytes = new Uint8Array(await blob.arrayBuffer());
			let s = '';
			for (let i = 0; i < bytes.length; i += 0x8000)
				s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(s);
		},
		{ width, height }
	);
	return Buffer.from(base64, 'base64');
}

/** The JPEG with an APP1 EXIF block: Orientation = `orientation`, and a GPS latitude reference. */
export function withExif(jpeg: Buffer, orientation: number): Buffer {
	const tiff = Buffer.alloc(56);
	tiff.write('MM', 0, 'ascii');
	tiff.writeUInt16BE(0x2a, 2);
	tiff.writeUInt32BE(8, 4); // IFD0
	tiff.writeUInt16BE(2, 8); // two entries
	tiff.writeUInt16BE(0x0112, 10); // Orientation, SHORT, 1
	tiff.writeUInt16BE(3, 12);
	tiff.writeUInt32BE(1, 14);
	tiff.writeUInt16BE(orientation, 18);
	tiff.writeUInt16BE(0x8825, 22); // GPSInfo IFD pointer, LONG, 1
	tiff.writeUInt16BE(4, 24);
	tiff.writeUInt32BE(1, 26);
	tiff.writeUInt32BE(38, 30);
	tiff.writeUInt32BE(0, 34); // no next IFD
	tiff.writeUInt16BE(1, 38); // GPS IFD: one entry
	tiff.writeUInt16BE(0x0001, 40); // GPSLatitudeRef, ASCII, 2: "N"
	tiff.writeUInt16BE(2, 42);
	tiff.writeUInt32BE(2, 44);
	tiff.write('N\0', 48, 'ascii');
	tiff.writeUInt32BE(0, 52);
	const header = Buffer.from('Exif\0\0', 'binary');
	const length = Buffer.alloc(2);
	length.writeUInt16BE(2 + header.length + tiff.length);
	const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), length, header, tiff]);
	return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** Width and height from the JPEG's frame header (SOF0/SOF2). */
export function jpegSize(bytes: Buffer): { width: number; height: number } {
	let i = 2;
	while (i < bytes.length) {
		if (bytes[i] !== 0xff) throw new Error('not a JPEG segment');
		const marker = bytes[i + 1]!;
		const length = bytes.readUInt16BE(i + 2);
		if (marker >= 0xc0 && marker <= 0xc3)
			return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
		i += 2 + length;
	}
	throw new Error('no frame header');
}
