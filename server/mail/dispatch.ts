// One dispatcher per outbox kind: how a row of that kind is delivered, and how long to wait
// before retrying it. The worker runs each kind in its own lane, so a failing kind never holds
// another back.
import { retryDelayMs, type OutboxRow, type OutgoingMail } from './outbox';
import type { MailTransport } from './transport';

export interface Dispatcher {
	kind: string;
	/** Delivers the row or throws (the row is retried after `retryDelayMs`). */
	deliver(row: OutboxRow): Promise<void>;
	retryDelayMs(attempts: number): number;
	close?(): void;
}

export function mailDispatcher(transport: MailTransport): Dispatcher {
	return {
		kind: 'mail',
		async deliver(row) {
			const { mail } = JSON.parse(row.payload) as { mail: OutgoingMail };
			await transport.send(mail, row.id);
		},
		retryDelayMs,
		close: () => transport.close()
	};
}
