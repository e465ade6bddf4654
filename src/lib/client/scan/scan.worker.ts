// The scan worker: decodes, orients, downscales and re-encodes pages off the main thread, so the
// page stays responsive while a 12-megapixel photo is processed.
import { encodePage, type EncodeOptions } from './encode';

interface Job {
	id: number;
	blob: Blob;
	options: EncodeOptions;
}

self.onmessage = async (event: MessageEvent<Job>) => {
	const { id, blob, options } = event.data;
	try {
		const page = await encodePage(blob, options);
		self.postMessage({ id, ok: true, ...page });
	} catch (error) {
		self.postMessage({ id, ok: false, message: String(error) });
	}
};
