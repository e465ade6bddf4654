// The service's identity and how to pay (billing_settings, one row), printed on invoices.
import type { Db } from '../db';
import { cachedStatement } from '../db/statement-cache';

export interface BillingSettings {
	name: string;
	addressLines: string[];
	phone: string;
	email: string;
	siret: string;
	paymentText: string;
}

export function loadBillingSettings(db: Db): BillingSettings {
	const row = cachedStatement(db, 'SELECT body FROM billing_settings WHERE id = 1').get() as
		{ body: string } | undefined;
	const body = (row ? JSON.parse(row.body) : {}) as Partial<BillingSettings>;
	return {
		name: body.name ?? '',
		addressLines: body.addressLines ?? [],
		phone: body.phone ?? '',
		email: body.email ?? '',
		siret: body.siret ?? '',
		paymentText: body.paymentText ?? ''
	};
}
