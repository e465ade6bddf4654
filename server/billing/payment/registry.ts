// Which PaymentProvider the app pays through, per database (like requestEventsBus): PayFiP's client
// bound by createApp — to the in-process simulator when PAYFIP_MODE=simulateur — or null when
// payments are off (production without PAYFIP_NUMCLI). Tests may replace it (setPaymentProvider).
import type { Db } from '../../db';
import type { PayfipConfig } from '../../config';
import { payfipProvider } from './payfip';
import type { FetchLike, PaymentProvider } from './provider';

const providers = new WeakMap<Db, PaymentProvider | null>();

export function bindPaymentProvider(db: Db, config: PayfipConfig, fetchFn: FetchLike): void {
	providers.set(db, config.numcli ? payfipProvider({ config, fetch: fetchFn }) : null);
}

export function setPaymentProvider(db: Db, provider: PaymentProvider | null): void {
	providers.set(db, provider);
}

/** The provider, or null when online payment is off. */
export function paymentProvider(db: Db): PaymentProvider | null {
	return providers.get(db) ?? null;
}
