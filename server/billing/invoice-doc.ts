// The family's copy of an invoice or credit note: the `svc:invoice:<id>` document of its household
// (readable offline, SYNC_SPEC S-OWN-1), rewritten from SQLite whenever what it owes changes (a
// credit note, a payment). The PDF is attached as `facture.pdf` on the first write and kept as a
// stub on later revisions (the device does not download it again). Sets invoices.delivered_at.
import {
	INVOICE_PDF_ATTACHMENT,
	invoiceDocId,
	invoiceDocProblem,
	type InvoiceDocument
} from '../../src/lib/domain/service-documents';
import type { InvoiceComputation, InvoiceLine } from '../../src/lib/domain/invoice';
import { readStoredDoc } from '../../sync/server/household-read';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { cachedStatement } from '../db/statement-cache';
import type { AppDeps } from '../http/env';
import { syncHostFor } from '../sync-host';
import { invoiceBalance, lastPaidAt, loadInvoice } from './invoice-rows';

export { invoiceBalance } from './invoice-rows';

/** The document's body (without `_id`, `_rev`, `_attachments`) for an invoice row. */
export function invoiceDocBody(deps: Pick<AppDeps, 'db'>, invoiceId: string): InvoiceDocument {
	const { db } = deps;
	const inv = loadInvoice(db, invoiceId);
	if (!inv) throw new Error(`invoice ${invoiceId} not found`);
	const balance = invoiceBalance(db, invoiceId);
	const computation = (JSON.parse(inv.computation) ?? {}) as Partial<InvoiceComputation>;
	const credited = inv.credits_invoice_id ? loadInvoice(db, inv.credits_invoice_id) : undefined;
	const paidAt = lastPaidAt(db, invoiceId);
	return {
		type: 'invoice',
		invoiceId: inv.id,
		number: inv.number,
		kind: inv.kind,
		...(credited ? { creditsNumber: credited.number } : {}),
		month: inv.month,
		childId: inv.child_id,
		childName: inv.child_name,
		structureName: inv.structure_name,
		issueDate: inv.issue_date,
		dueDate: inv.due_date,
		amountCents: inv.amount_cents,
		creditedCents: balance.creditedCents,
		paidCents: balance.paidCents,
		...(paidAt ? { paidAt } : {}),
		lines: JSON.parse(inv.lines) as InvoiceLine[],
		hourlyRateCents: computation.hourlyRateCents ?? 0,
		effortRatePpm: computation.effortRatePpm ?? 0,
		// How the rate was computed, for the family's screen (« ressources retenues … »).
		...(computation.resourcesUsedCents !== undefined ? { computation } : {})
	};
}

/**
 * (Re)writes the household's `svc:invoice:<id>` from SQLite and marks the invoice delivered.
 * Throws when the sync layer refuses it (a bug: the body is schema-checked first).
 */
export function writeInvoiceDoc(deps: AppDeps, invoiceId: string): void {
	const { db } = deps;
	const inv = loadInvoice(db, invoiceId);
	if (!inv) throw new Error(`invoice ${invoiceId} not found`);
	const body = invoiceDocBody(deps, invoiceId);
	const problem = invoiceDocProblem(body);
	if (problem) throw new Error(`svc:invoice ${inv.number} invalid: ${problem}`);
	const id = invoiceDocId(invoiceId);
	const hasPdf = Boolean(
		readStoredDoc(db, inv.household_id, id)?.attachments[INVOICE_PDF_ATTACHMENT]
	);
	let attachment: Record<string, unknown>;
	if (hasPdf) attachment = { stub: true, content_type: 'application/pdf' };
	else {
		const pdf = cachedStatement(db, 'SELECT pdf FROM invoice_pdfs WHERE invoice_id = ?').get(
			invoiceId
		) as { pdf: Buffer } | undefined;
		if (!pdf) throw new Error(`invoice ${inv.number} has no PDF`);
		attachment = { content_type: 'application/pdf', data: Buffer.from(pdf.pdf).toString('base64') };
	}
	db.transaction(() => {
		const [written] = writeHouseholdDocs(syncHostFor(deps), inv.household_id, [
			{ ...body, _id: id, _attachments: { [INVOICE_PDF_ATTACHMENT]: attachment } }
		]);
		if (!written || !('ok' in written))
			throw new Error(
				`svc:invoice ${inv.number} refused: ${written && 'reason' in written ? written.reason : ''}`
			);
		cachedStatement(db, 'UPDATE invoices SET delivered_at = ? WHERE id = ?').run(
			deps.clock.now(),
			invoiceId
		);
	})();
}
