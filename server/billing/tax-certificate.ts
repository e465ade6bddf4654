// The yearly tax certificate (attestation fiscale) per child: the amounts the family actually paid
// in the year (payments recorded 'paid' whose paid_at falls in the year, Europe/Paris), meals
// excluded (the service bills none), for a child under 6 on 1 January, with the provider's
// identity (billing_settings). Parents only, their own household only: another household's child,
// or a year without payment, is a 404 that tells nothing.
import { Hono } from 'hono';
import type { Db } from '../db';
import type { AppEnv } from '../http/env';
import { ApiError, errorBody } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { TextPdf } from '../pdf/text-pdf';
import { frenchLongDay, frenchMonth } from '../../src/lib/domain/french-date';
import { formatEuros } from '../../src/lib/domain/invoice';
import {
	eligibility,
	TAX_CREDIT_CEILING_CENTS,
	type TaxCertificateItem
} from '../../src/lib/domain/tax-certificate';
import { todayInParis } from '../../src/lib/domain/validation';
import { billingSettings } from './billing-settings';

export const NO_CERTIFICATE =
	'Aucune attestation fiscale n’est disponible pour cet enfant et cette année.';

interface PaidRow {
	child_id: string;
	child_name: string;
	month: string;
	amount_cents: number;
	paid_at: string;
	family_name: string;
	family_address: string;
	birth_date: string | null;
}

/** The Paris calendar year of an ISO instant (a bare local date-time is taken as is). */
export function parisYear(paidAt: string): number {
	const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(paidAt);
	const t = Date.parse(paidAt);
	return zoned && Number.isFinite(t)
		? Number(todayInParis(new Date(t)).slice(0, 4))
		: Number(paidAt.slice(0, 4));
}

/** Every paid payment of the household with its invoice's child (birth date from the contract or the household file). */
function paidRows(db: Db, householdId: string): PaidRow[] {
	return db
		.prepare(
			`SELECT i.child_id, i.child_name, i.month, p.amount_cents, p.paid_at, i.family_name,
			        i.family_address, COALESCE(c.child_birth_date, m.birth_date) AS birth_date
			 FROM payments p
			 JOIN invoices i ON i.id = p.invoice_id
			 JOIN contracts c ON c.id = i.contract_id
			 LEFT JOIN household_members m ON m.household_id = i.household_id AND m.member_id = i.child_id
			 WHERE i.household_id = ? AND p.status = 'paid' AND p.paid_at IS NOT NULL
			 ORDER BY p.paid_at`
		)
		.all(householdId) as PaidRow[];
}

interface Certificate extends TaxCertificateItem {
	months: string[];
	birthDate: string | null;
	familyName: string;
	familyAddress: string[];
}

function certificates(db: Db, householdId: string): Certificate[] {
	const byKey = new Map<string, Certificate>();
	for (const r of paidRows(db, householdId)) {
		const year = parisYear(r.paid_at);
		const key = `${year}:${r.child_id}`;
		let cert = byKey.get(key);
		if (!cert) {
			cert = {
				year,
				childId: r.child_id,
				childName: r.child_name,
				paidCents: 0,
				eligible: true,
				months: [],
				birthDate: r.birth_date,
				familyName: r.family_name,
				familyAddress: []
			};
			byKey.set(key, cert);
		}
		cert.paidCents += r.amount_cents;
		if (!cert.months.includes(r.month)) cert.months.push(r.month);
		cert.birthDate ??= r.birth_date;
		// The latest invoice's family name and address (rows come by payment date).
		cert.familyName = r.family_name;
		try {
			const lines = JSON.parse(r.family_address) as unknown;
			cert.familyAddress = Array.isArray(lines) ? lines.map(String) : [];
		} catch {
			cert.familyAddress = [];
		}
	}
	return [...byKey.values()]
		.map((cert) => {
			const e = eligibility(cert.childName, cert.birthDate, cert.year);
			return e.eligible ? cert : { ...cert, eligible: false, reason: e.reason };
		})
		.sort((a, b) => b.year - a.year || a.childName.localeCompare(b.childName, 'fr'));
}

/** What « Édition de documents » lists: a child and a year with payments, newest year first. */
export function taxCertificateItems(db: Db, householdId: string): TaxCertificateItem[] {
	return certificates(db, householdId).map(
		({ year, childId, childName, paidCents, eligible, reason }) =>
			reason === undefined
				? { year, childId, childName, paidCents, eligible }
				: { year, childId, childName, paidCents, eligible, reason }
	);
}

/** The certificate's PDF; null when the household has none for that child and year. */
export async function taxCertificatePdf(
	db: Db,
	householdId: string,
	year: number,
	childId: string,
	today: string
): Promise<{ pdf: Uint8Array; cert: TaxCertificateItem } | null> {
	const cert = certificates(db, householdId).find((c) => c.year === year && c.childId === childId);
	if (!cert) return null;
	if (!cert.eligible) return { pdf: new Uint8Array(), cert };
	const service = billingSettings(db);
	const yearEnd = `${year}-12-31`;
	const periodEnd = today < yearEnd ? today : yearEnd;
	const months = [...cert.months].sort();
	const pdf = await TextPdf.create({
		title: `Attestation fiscale ${year} — ${cert.childName}`,
		author: service.name
	});
	pdf.text(service.name, { bold: true });
	for (const line of service.addressLines) pdf.text(line);
	if (service.phone) pdf.text(`Téléphone : ${service.phone}`);
	if (service.email) pdf.text(`Courriel : ${service.email}`);
	if (service.siret) pdf.text(`SIRET : ${service.siret}`);
	pdf.space(12);
	pdf.text(cert.familyName, { indent: 280 });
	for (const line of cert.familyAddress) pdf.text(line, { indent: 280 });
	pdf.space(12);
	pdf.heading(`Attestation fiscale ${year} — frais de garde d’un enfant de moins de 6 ans`, 1);
	pdf.space(6);
	pdf.text(
		`Le service soussigné atteste que ${cert.familyName} a payé pour la garde de l’enfant ${cert.childName}${
			cert.birthDate ? `, né(e) le ${frenchLongDay(cert.birthDate)}` : ''
		}, accueilli(e) en établissement d’accueil du jeune enfant, la somme de :`
	);
	pdf.space(6);
	pdf.text(`Montant payé en ${year} : ${formatEuros(cert.paidCents)}`, { bold: true, size: 12 });
	pdf.space(6);
	pdf.text(
		`Période : paiements reçus du ${frenchLongDay(`${year}-01-01`)} au ${frenchLongDay(periodEnd)}.`
	);
	pdf.text(
		`Mois de garde concernés : ${months.length === 1 ? frenchMonth(months[0]) : `${frenchMonth(months[0])} à ${frenchMonth(months.at(-1)!)}`}.`
	);
	pdf.text(
		'Repas exclus : le service ne facture pas de repas ; le montant ci-dessus ne comprend que les frais de garde.'
	);
	pdf.text(
		`L’enfant avait moins de 6 ans au 1er janvier ${year}. Ce montant est celui effectivement payé dans l’année, avoirs et factures non réglées exclus.`
	);
	pdf.heading('Pour votre déclaration de revenus', 2);
	pdf.text(
		`Crédit d’impôt de 50 % des frais de garde (article 200 quater B du code général des impôts), après déduction du complément de libre choix du mode de garde (CMG) et des aides de votre employeur, dans la limite de ${formatEuros(TAX_CREDIT_CEILING_CENTS)} de dépenses par enfant (la moitié par parent en cas de résidence alternée).`
	);
	pdf.text('À déclarer sur le formulaire 2042 RICI, cases 7GA à 7GC (une case par enfant).');
	pdf.space(12);
	pdf.text(`Fait le ${frenchLongDay(today)}, pour servir et valoir ce que de droit.`);
	pdf.text(service.name, { muted: true });
	return { pdf: await pdf.save(), cert };
}

export const familyTaxCertificateRoutes = new Hono<AppEnv>()
	.use('/tax-certificates', requireRole('parent'))
	.use('/tax-certificates/*', requireRole('parent'))
	.get('/tax-certificates', (c) => {
		const householdId = c.var.user!.householdId;
		if (!householdId)
			return c.json(errorBody('forbidden', 'Vous n’avez pas accès à cette page.'), 403);
		return c.json({ items: taxCertificateItems(c.var.deps.db, householdId) }, 200);
	})
	.get('/tax-certificates/:year/:childId', async (c) => {
		const householdId = c.var.user!.householdId;
		if (!householdId)
			return c.json(errorBody('forbidden', 'Vous n’avez pas accès à cette page.'), 403);
		const rawYear = c.req.param('year');
		if (!/^\d{4}$/.test(rawYear)) throw new ApiError(404, 'not_found', NO_CERTIFICATE);
		const { db, clock } = c.var.deps;
		const today = todayInParis(new Date(clock.now()));
		const made = await taxCertificatePdf(
			db,
			householdId,
			Number(rawYear),
			c.req.param('childId'),
			today
		);
		if (!made) throw new ApiError(404, 'not_found', NO_CERTIFICATE);
		if (!made.cert.eligible) throw new ApiError(409, 'not_eligible', made.cert.reason!);
		const slug = made.cert.childName
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.toLowerCase();
		return c.body(made.pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="attestation-fiscale-${rawYear}-${slug}.pdf"`,
			'Cache-Control': 'no-store'
		});
	});
