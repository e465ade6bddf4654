// A TCP proxy that drops the connection while the n-th matching HTTP request is answered:
// the server has done the work, the client never hears of it (a cut network mid-replication).
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttingProxy {
	url: string;
	/** Cut the response of the `nth` request whose request line matches `pattern` (1-based). */
	cutOn(pattern: RegExp, nth: number): void;
	cuts: number;
	close(): Promise<void>;
}

export function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
	let rule: { pattern: RegExp; nth: number; seen: number } | null = null;
	const sockets = new Set<Socket>();
	const proxy: CuttingProxy = {
		url: '',
		cuts: 0,
		cutOn(pattern, nth) {
			rule = { pattern, nth, seen: 0 };
		},
		close: () =>
			new Promise((r) => {
				for (const s of sockets) s.destroy();
				server.close(() => r());
			})
	};
	const server = createServer((client) => {
		const upstream = connect(targetPort, '127.0.0.1');
		sockets.add(client).add(upstream);
		let cutNext = false;
		client.on('data', (chunk) => {
			const line = chunk.toString('latin1', 0, Math.min(chunk.length, 300)).split('\r\n')[0] ?? '';
			if (
				rule &&
				/^[A-Z]+ \S+ HTTP\/1\.1$/.test(line) &&
				rule.pattern.test(line) &&
				++rule.seen === rule.nth
			)
				cutNext = true;
			upstream.write(chunk);
		});
		upstream.on('data', (chunk) => {
			if (cutNext) {
				proxy.cuts++;
				client.destroy();
				upstream.destroy();
				return;
			}
			client.write(chunk);
		});
		const end = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', end).on('close', end);
		upstream.on('error', end).on('close', end);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			resolve(proxy);
		})
	);
}
