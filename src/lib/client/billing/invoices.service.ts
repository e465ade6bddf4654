// The family's invoices and paperless choice on the device. Invoices are the service's
// `svc:invoice:<id>` documents (InvoiceDoc, src/lib/domain/service-documents.ts) with the PDF as
// the `facture.pdf` attachment: readable and downloadable offline. Their status (À payer, En
// retard, Payée…) is computed on the device from the balance and today's date in Paris. The
// paperless choice is the family's own `paperless:<uuid>` document: each « Valider » writes a new
// submitted one, the latest validation wins (as on the server, SYNC_SPEC S-PROJ-10).
import * as v from 'valibot';
import type { Paperless } from '../../domain/documents';
import {
	amountDueCents,
	invoiceStatus,
	type InvoiceBalance,
	type InvoiceComputation,
	type InvoiceStatus
} from '../../domain/invoice';
import {
	INVOICE_ID_PREFIX,
	INVOICE_PDF_ATTACHMENT,
	InvoiceDoc,
	invoiceDocId,
	type InvoiceDocument
} from '../../domain/service-documents';
import { todayInParis } from '../../domain/validation';
import { syncManager } from '$sync/sync-manager.svelte';
import { createParentDocumentService } from '../documents/parent-document';
import { createDocumentStore, nowIso, type DbSource, type StoredDoc } from '../documents/store';

export interface FamilyInvoice extends InvoiceDocument {
	_id: string;
	status: InvoiceStatus;
	/** What remains to pay, in cents. */
	dueCents: number;
	/** Whether the PDF is on the device. */
	hasPdf: boolean;
	/** How the hourly rate was computed, when the service sent it. */
	computation?: InvoiceComputation;
}

export type PaperlessDocument = StoredDoc & Partial<Paperless>;
export interface PaperlessChild {
	childId: string;
	childName: string;
	paperless: boolean;
}

const PAPERLESS_PREFIX = 'paperless:';

function toInvoice(doc: StoredDoc, today: string): FamilyInvoice | null {
	const r = v.safeParse(InvoiceDoc, doc);
	if (!r.success) return null;
	const d = r.output;
	const balance: InvoiceBalance = {
		kind: d.kind,
		amountCents: d.amountCents,
		creditedCents: d.creditedCents,
		paidCents: d.paidCents,
		dueDate: d.dueDate
	};
	const computation = (doc as { computation?: unknown }).computation;
	return {
		...d,
		_id: doc._id,
		status: invoiceStatus(balance, today),
		dueCents: d.kind === 'credit_note' ? 0 : amountDueCents(balance),
		hasPdf: Boolean(doc._attachments?.[INVOICE_PDF_ATTACHMENT]),
		...(computation && typeof computation === 'object'
			? { computation: computation as InvoiceComputation }
			: {})
	};
}

/** The latest validated choice among the family's paperless documents (submitted ones). */
export function latestPaperless(docs: readonly PaperlessDocument[]): PaperlessDocument | null {
	return (
		docs
			.filter((d) => d.state === 'submitted' && typeof d.validatedAt === 'string')
			.sort(
				(a, b) =>
					(b.validatedAt as string).localeCompare(a.validatedAt as string) ||
					b._id.localeCompare(a._id)
			)[0] ?? null
	);
}

export function createBillingService(
	source: DbSource,
	options: { today?: () => string; refusal?: (id: string) => string | null } = {}
) {
	const today = options.today ?? (() => todayInParis());
	const store = createDocumentStore(source);
	const paperlessDocs = createParentDocumentService<PaperlessDocument>('paperless', source, {
		refusal: options.refusal
	});

	/** Invoices and credit notes, most recent month first (then the latest number). */
	async function invoices(): Promise<FamilyInvoice[]> {
		const day = today();
		return (await store.list(INVOICE_ID_PREFIX))
			.flatMap((d) => toInvoice(d, day) ?? [])
			.sort((a, b) => b.month.localeCompare(a.month) || b.number.localeCompare(a.number));
	}

	async function paperless(): Promise<PaperlessDocument | null> {
		return latestPaperless(await paperlessDocs.list());
	}

	return {
		invoices,
		watchInvoices: (listener: (docs: FamilyInvoice[]) => void) =>
			store.watch(INVOICE_ID_PREFIX, invoices, listener),
		async invoice(invoiceId: string): Promise<FamilyInvoice | null> {
			const doc = await store.get(invoiceDocId(invoiceId));
			return doc ? toInvoice(doc, today()) : null;
		},
		/** The invoice's PDF from the device (offline too); null when it is not there. */
		async pdf(invoiceId: string): Promise<Blob | null> {
			const db = await source();
			try {
				const data = await db.getAttachment(invoiceDocId(invoiceId), INVOICE_PDF_ATTACHMENT);
				return data instanceof Blob
					? data
					: new Blob([data as BlobPart], { type: 'application/pdf' });
			} catch {
				return null;
			}
		},
		/** The choice in force on this device (the latest validated), or null when never made. */
		paperless,
		watchPaperless: (listener: (doc: PaperlessDocument | null) => void) =>
			store.watch(PAPERLESS_PREFIX, paperless, listener),
		/**
		 * Records « Valider »: a new submitted paperless document on the device (offline too), sent
		 * at the next sync. Throws DocumentError with the French reason when a choice is missing.
		 */
		async validatePaperless(children: PaperlessChild[]): Promise<string> {
			const id = paperlessDocs.newId();
			await paperlessDocs.saveDraft(id, { children, validatedAt: nowIso() });
			await paperlessDocs.submit(id);
			return id;
		}
	};
}

export type BillingService = ReturnType<typeof createBillingService>;

export const billing = createBillingService(() => syncManager.db(), {
	refusal: (id) => syncManager.denied.find((d) => d.id === id)?.reason ?? null
});
