// A credit note (avoir) on an issued invoice: the only way to correct one (invoices are immutable).
// At most what is still due on the invoice (its amount less earlier credit notes and payments), a
// reason required, numbered A<year>-… without gaps in the transaction that inserts it, with its
// PDF; both the credit note's and the invoice's `svc:invoice` documents are (re)written.
import { amountDueCents, invoiceNumber, type InvoiceLine } from '../../src/lib/domain/invoice';
import { formatEuros } from '../../src/lib/domain/invoice';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { AppDeps } from '../http/env';
import { ApiError } from '../http/errors';
import { writeInvoiceDoc } from './invoice-doc';
import { invoicePdf } from './invoice-pdf';
import { invoiceBalance, loadInvoice } from './invoice-rows';
import { advanceSeq, insertInvoice, lastSeq } from './issue';
import { billingSettings } from './billing-settings';

export interface CreditNoteInput {
	amountCents: number;
	reason: string;
}

export async function issueCreditNote(
	deps: AppDeps,
	invoiceId: string,
	input: CreditNoteInput,
	byId: string
): Promise<{ id: string; number: string }> {
	const { db } = deps;
	const inv = loadInvoice(db, invoiceId);
	if (!inv) throw new ApiError(404, 'not_found', 'Cette facture n’existe pas.');
	if (inv.kind !== 'invoice')
		throw new ApiError(
			409,
			'not_an_invoice',
			'Un avoir ne peut pas être corrigé par un autre avoir.'
		);
	const settings = billingSettings(db);
	for (let attempt = 0; attempt < 5; attempt++) {
		const now = deps.clock.now();
		const issueDate = todayInParis(new Date(now));
		const year = Number(issueDate.slice(0, 4));
		const creditable = amountDueCents(invoiceBalance(db, invoiceId));
		if (input.amountCents > creditable)
			throw new ApiError(
				409,
				'too_much',
				creditable === 0
					? `La facture ${inv.number} ne laisse plus rien à créditer.`
					: `L’avoir ne peut pas dépasser ${formatEuros(creditable)}, ce qui reste dû sur la facture ${inv.number}.`,
				{ amount: `Au plus ${formatEuros(creditable)}.` }
			);
		const base = lastSeq(db, year, 'credit_note');
		const number = invoiceNumber('credit_note', year, base + 1);
		const lines: InvoiceLine[] = [
			{
				kind: 'credit',
				label: `Avoir sur la facture ${inv.number} : ${input.reason}`,
				quantity: null,
				amountCents: -input.amountCents
			}
		];
		const family = {
			name: inv.family_name,
			address: JSON.parse(inv.family_address) as string[],
			email: inv.payer_email
		};
		const pdf = await invoicePdf(
			{
				kind: 'credit_note',
				number,
				creditsNumber: inv.number,
				issueDate,
				dueDate: issueDate,
				month: inv.month,
				familyName: family.name,
				familyAddress: family.address,
				childName: inv.child_name,
				structureName: inv.structure_name,
				lines,
				amountCents: input.amountCents,
				computation: null,
				reason: input.reason
			},
			settings
		);
		const id = db.transaction(() => {
			// Re-checked inside: a payment or another credit note may have come in meanwhile.
			if (input.amountCents > amountDueCents(invoiceBalance(db, invoiceId))) return null;
			if (!advanceSeq(db, year, 'credit_note', base, base + 1)) return null;
			const id = insertInvoice(db, {
				kind: 'credit_note',
				year,
				seq: base + 1,
				runId: null,
				creditsInvoiceId: inv.id,
				contractId: inv.contract_id,
				householdId: inv.household_id,
				childId: inv.child_id,
				childName: inv.child_name,
				structureId: inv.structure_id,
				month: inv.month,
				issuedAt: now,
				issueDate,
				dueDate: issueDate,
				amountCents: input.amountCents,
				lines,
				computation: null,
				family,
				paperless: inv.paperless === 1,
				reason: input.reason,
				createdBy: byId,
				pdf
			});
			audit(
				db,
				{
					actorId: byId,
					action: 'billing.credit-note',
					householdId: inv.household_id,
					detail: {
						invoice: inv.number,
						creditNote: number,
						amountCents: input.amountCents,
						reason: input.reason
					}
				},
				now
			);
			return id;
		})();
		if (!id) continue;
		for (const docId of [id, inv.id])
			try {
				writeInvoiceDoc(deps, docId);
			} catch (err) {
				console.error(`[billing] svc:invoice ${docId} not written`, err);
			}
		return { id, number };
	}
	throw new ApiError(409, 'busy', 'La facture vient d’être modifiée : réessayez.');
}
