// French mail templates, each with a plain-text and an HTML part.
import { frenchDate, frenchLongDateTime, frenchLongDay } from '../../src/lib/domain/french-date';
import type { OutgoingMail } from './outbox';

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Block {
	text: string;
	link?: { href: string; label: string };
}

export function render(
	to: string,
	subject: string,
	greeting: string,
	blocks: Block[]
): OutgoingMail {
	const text = [
		greeting,
		'',
		...blocks.flatMap((b) => (b.link ? [b.text, b.link.href, ''] : [b.text, ''])),
		SIGNATURE_TEXT
	].join('\n');
	const html = `<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;color:#1b1b1b;line-height:1.5">
<p>${escapeHtml(greeting)}</p>
${blocks
	.map(
		(b) =>
			`<p>${escapeHtml(b.text)}</p>` +
			(b.link
				? `<p><a href="${escapeHtml(b.link.href)}" style="color:#0b4f8a">${escapeHtml(b.link.label)}</a></p>`
				: '')
	)
	.join('\n')}
<p style="color:#444">${SIGNATURE_TEXT.split('\n').map(escapeHtml).join('<br>')}</p>
</body></html>`;
	return { to, subject, text, html };
}

const SIGNATURE_TEXT =
	'Le service Petite enfance\nVienne Condrieu Agglomération — Espace Famille\nCe courriel est envoyé automatiquement, merci de ne pas y répondre.';

export interface Person {
	civility: string | null;
	lastName: string;
}

export const hello = (p: Person) =>
	`Bonjour ${p.civility ?? ''} ${p.lastName.toUpperCase()},`.replace('  ', ' ');

export function activationMail(to: string, person: Person, link: string): OutgoingMail {
	return render(to, 'Activez votre Espace Famille', hello(person), [
		{
			text: 'Votre espace personnel a bien été créé. Pour l’activer, ouvrez le lien ci-dessous dans les 48 heures :',
			link: { href: link, label: 'Activer mon espace' }
		},
		{
			text: 'Ce lien ne peut servir qu’une fois. S’il a expiré, demandez un nouveau courriel d’activation depuis la page de connexion.'
		},
		{
			text: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun espace ne sera activé.'
		}
	]);
}

export function passwordResetMail(to: string, person: Person, link: string): OutgoingMail {
	return render(to, 'Réinitialisation de votre mot de passe', hello(person), [
		{
			text: 'Vous avez demandé à réinitialiser le mot de passe de votre Espace Famille. Ouvrez le lien ci-dessous dans l’heure qui suit :',
			link: { href: link, label: 'Choisir un nouveau mot de passe' }
		},
		{
			text: 'Ce lien ne peut servir qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.'
		}
	]);
}

export function passwordChangedMail(to: string, person: Person, when: string): OutgoingMail {
	return render(to, 'Votre mot de passe a été modifié', hello(person), [
		{
			text: `Le mot de passe de votre Espace Famille a été modifié le ${when}. Vos autres sessions ont été fermées.`
		},
		{
			text: 'Si vous n’êtes pas à l’origine de ce changement, utilisez « J’ai oublié mon mot de passe » sur la page de connexion et contactez le service au 04 74 78 32 10.'
		}
	]);
}

export function emailChangeConfirmMail(to: string, person: Person, link: string): OutgoingMail {
	return render(to, 'Confirmez votre nouvelle adresse de courriel', hello(person), [
		{
			text: 'Vous avez demandé que cette adresse devienne le courriel de votre Espace Famille. Pour confirmer, ouvrez le lien ci-dessous dans les 24 heures :',
			link: { href: link, label: 'Confirmer ma nouvelle adresse' }
		},
		{
			text: 'Tant que vous n’avez pas confirmé, votre ancienne adresse reste celle de votre espace. Ce lien ne peut servir qu’une fois.'
		},
		{ text: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.' }
	]);
}

export function emailChangeNoticeMail(
	to: string,
	person: Person,
	newEmail: string,
	when: string
): OutgoingMail {
	return render(to, 'Demande de changement de votre adresse de courriel', hello(person), [
		{
			text: `Le ${when}, il a été demandé que le courriel de votre Espace Famille devienne ${newEmail}. Le changement n’aura lieu que si cette nouvelle adresse est confirmée par le lien qui lui a été envoyé.`
		},
		{
			text: 'Si vous n’êtes pas à l’origine de cette demande, quelqu’un utilise peut-être votre espace : changez votre mot de passe (ou utilisez « J’ai oublié mon mot de passe » sur la page de connexion), ce qui annule la demande, et contactez le service au 04 74 78 32 10.'
		}
	]);
}

/** A request as the service's mails name it. */
export interface ServiceRequestLine {
	number: number;
	typeLabel: string;
	/** When it was submitted (ms). */
	at: number;
	/** The family's name as its account gives it (« Famille DUPONT »), or null. */
	family: string | null;
}

const requestLine = (r: ServiceRequestLine) =>
	`${r.typeLabel} — demande n° ${r.number}${r.family ? `, ${r.family}` : ''}, déposée le ${frenchLongDateTime(r.at)}.`;

/** To the service, for each new request (setting « chaque demande »). */
export function newRequestServiceMail(
	to: string,
	request: ServiceRequestLine,
	deskUrl: string
): OutgoingMail {
	return render(to, `Nouvelle demande n° ${request.number} : ${request.typeLabel}`, 'Bonjour,', [
		{ text: 'Une demande vient d’être déposée depuis l’Espace Famille.' },
		{
			text: requestLine(request),
			link: { href: `${deskUrl}/${request.number}`, label: 'Ouvrir la demande' }
		}
	]);
}

/** To the service, once a day, the requests submitted since the last digest (setting « résumé quotidien »). */
export function dailyDigestServiceMail(
	to: string,
	requests: ServiceRequestLine[],
	day: number,
	deskUrl: string
): OutgoingMail {
	const n = requests.length;
	return render(
		to,
		`Résumé du ${frenchDate(day)} : ${n} nouvelle${n > 1 ? 's' : ''} demande${n > 1 ? 's' : ''}`,
		'Bonjour,',
		[
			{
				text:
					n > 1
						? `${n} demandes ont été déposées depuis l’Espace Famille depuis le dernier résumé :`
						: 'Une demande a été déposée depuis l’Espace Famille depuis le dernier résumé :'
			},
			...requests.map((r) => ({ text: requestLine(r) })),
			{
				text: 'Elles vous attendent dans l’espace agent.',
				link: { href: deskUrl, label: 'Ouvrir l’espace agent' }
			}
		]
	);
}

export interface RequestStatusChange {
	number: number;
	/** « Préinscription en crèche », « Déclaration d’entourage ». */
	typeLabel: string;
	/** The new status, as the family reads it (« Pièces demandées »). */
	status: string;
	/** What the service asks for (« Demander des pièces »). */
	message?: string | null;
	/** Why the request was refused or closed. */
	reason?: string | null;
	/** The request's page in the Espace Famille. */
	link: string;
}

/** The family's mail when an agent changes the status of its request. */
export function requestStatusMail(
	to: string,
	person: Person,
	change: RequestStatusChange
): OutgoingMail {
	const what = `${change.typeLabel} — demande n° ${change.number}`;
	const blocks: Block[] = [
		{ text: `Votre demande n° ${change.number} a changé de statut : « ${change.status} ».` },
		{ text: what }
	];
	if (change.message)
		blocks.push({ text: `Le service vous demande les pièces suivantes : ${change.message}` });
	if (change.reason) blocks.push({ text: `Motif : ${change.reason}` });
	if (change.message)
		blocks.push({
			text: 'Ajoutez ces pièces depuis la page de votre demande puis envoyez-les : vous pouvez le faire même sans connexion, elles seront transmises au retour du réseau.'
		});
	blocks.push({
		text: 'Retrouvez votre demande et son historique dans votre Espace Famille :',
		link: { href: change.link, label: 'Voir ma demande' }
	});
	return render(to, `Votre demande n° ${change.number} : ${change.status}`, hello(person), blocks);
}

export interface FamilyMessageNotice {
	title: string;
	/** The request the message is about, if any. */
	number: number | null;
	link: string;
}

/** Tells the family a message from the service waits in Mes actualités (its text stays there). */
export function familyMessageMail(
	to: string,
	person: Person,
	notice: FamilyMessageNotice
): OutgoingMail {
	const about = notice.number === null ? '' : ` au sujet de votre demande n° ${notice.number}`;
	return render(to, `Nouveau message du service : ${notice.title}`, hello(person), [
		{ text: `Le service Petite enfance vous a écrit${about} : « ${notice.title} ».` },
		{
			text: 'Lisez ce message dans « Mes actualités » de votre Espace Famille :',
			link: { href: notice.link, label: 'Lire le message' }
		}
	]);
}

export interface CommissionReminder {
	/** « 15 mars 2027 ». */
	sessionDate: string;
	/** The request numbers waiting, with their pages in the Espace Famille. */
	requests: { number: number; link: string }[];
}

/** Before a commission session: the family is asked to confirm or update its situation. */
export function commissionReminderMail(
	to: string,
	person: Person,
	reminder: CommissionReminder
): OutgoingMail {
	return render(
		to,
		`Commission du ${reminder.sessionDate} : confirmez votre situation`,
		hello(person),
		[
			{
				text: `La commission d’attribution des places se réunit le ${reminder.sessionDate}. Avant cette date, confirmez ou mettez à jour votre situation (activité professionnelle, domicile) depuis la page de votre demande : vous pouvez le faire même sans connexion, votre réponse sera envoyée au retour du réseau.`
			},
			{
				text: 'Sans confirmation, votre dossier est tout de même examiné, mais il est signalé à la commission comme non confirmé.'
			},
			...reminder.requests.map((r) => ({
				text: `Demande n° ${r.number} :`,
				link: { href: r.link, label: `Confirmer ma situation (demande n° ${r.number})` }
			}))
		]
	);
}

/** A place offered to a family (commission or waiting list), as its mails describe it. */
export interface OfferNotice {
	number: number;
	structureName: string;
	/** YYYY-MM-DD. */
	startDate: string;
	/** When the answer is due (ms, server clock). */
	deadline: number;
	/** The request's page in the Espace Famille. */
	link: string;
}

/** To the family: a place is offered; answer in the app before the deadline. */
export function offerMadeMail(to: string, person: Person, offer: OfferNotice): OutgoingMail {
	return render(
		to,
		`Une place vous est proposée : ${offer.structureName} (demande n° ${offer.number})`,
		hello(person),
		[
			{
				text: `Une place vous est proposée pour votre demande n° ${offer.number} : ${offer.structureName}, à partir du ${frenchLongDay(offer.startDate)}.`
			},
			{
				text: `Répondez avant le ${frenchLongDateTime(offer.deadline)} depuis la page de votre demande : « J’accepte la place » ou « Je refuse la place ». Sans réponse dans ce délai, la place est proposée à la famille suivante.`
			},
			{
				text: 'Vous pouvez répondre même sans connexion : votre réponse compte si vous l’avez donnée avant la date limite et qu’elle nous parvient au plus tard 48 heures après.',
				link: { href: offer.link, label: 'Répondre à la proposition' }
			}
		]
	);
}

/** To the family: its acceptance is recorded, the child is admitted (the contract). */
export function placeAcceptedMail(
	to: string,
	person: Person,
	offer: Omit<OfferNotice, 'deadline'> & { childName: string }
): OutgoingMail {
	return render(
		to,
		`Place confirmée : ${offer.structureName} (demande n° ${offer.number})`,
		hello(person),
		[
			{
				text: `Nous avons bien reçu votre acceptation : ${offer.childName} est admis(e) à ${offer.structureName} à partir du ${frenchLongDay(offer.startDate)}.`
			},
			{ text: 'Le planning hebdomadaire est à convenir avec la structure, qui vous contactera.' },
			{
				text: 'Retrouvez votre contrat sur la page de votre demande :',
				link: { href: offer.link, label: 'Voir ma demande' }
			}
		]
	);
}

/** To the service: a family accepted a place (a new contract). */
export function placeAcceptedServiceMail(
	to: string,
	offer: { number: number; structureName: string; startDate: string; childName: string },
	deskUrl: string
): OutgoingMail {
	return render(
		to,
		`Place acceptée : demande n° ${offer.number}, ${offer.structureName}`,
		'Bonjour,',
		[
			{
				text: `La famille de la demande n° ${offer.number} a accepté la place proposée : ${offer.childName}, ${offer.structureName}, à partir du ${frenchLongDay(offer.startDate)}. Le contrat est créé (planning hebdomadaire à convenir).`,
				link: { href: `${deskUrl}/${offer.number}`, label: 'Ouvrir la demande' }
			}
		]
	);
}

/** To the family: its refusal of the place is recorded. */
export function placeDeclinedMail(
	to: string,
	person: Person,
	offer: Omit<OfferNotice, 'deadline'>
): OutgoingMail {
	return render(
		to,
		`Place déclinée : ${offer.structureName} (demande n° ${offer.number})`,
		hello(person),
		[
			{
				text: `Nous avons bien reçu votre réponse : vous avez refusé la place proposée à ${offer.structureName} pour votre demande n° ${offer.number}. Elle est proposée à la famille suivante.`
			},
			{
				text: 'Retrouvez votre demande et son historique dans votre Espace Famille :',
				link: { href: offer.link, label: 'Voir ma demande' }
			}
		]
	);
}

/** To the family: the deadline (and its grace) passed without an answer. */
export function offerExpiredMail(to: string, person: Person, offer: OfferNotice): OutgoingMail {
	return render(to, `Proposition de place expirée (demande n° ${offer.number})`, hello(person), [
		{
			text: `Nous n’avons pas reçu votre réponse à la place proposée à ${offer.structureName} avant le ${frenchLongDateTime(offer.deadline)} : la place est considérée comme déclinée et proposée à la famille suivante.`
		},
		{
			text: 'Retrouvez votre demande et son historique dans votre Espace Famille :',
			link: { href: offer.link, label: 'Voir ma demande' }
		}
	]);
}

export interface PaymentReceipt {
	/** F2027-000001 */
	number: string;
	amountCents: number;
	/** ISO instant of the transaction. */
	paidAt: string;
	means: 'card' | 'debit' | null;
	link: string;
}

/** To the payer: an online payment was recorded (once, whatever the notifications). */
export function paymentReceivedMail(
	to: string,
	person: Person,
	receipt: PaymentReceipt
): OutgoingMail {
	const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(
		receipt.amountCents / 100
	);
	const how =
		receipt.means === 'debit'
			? ' par prélèvement unique'
			: receipt.means === 'card'
				? ' par carte bancaire'
				: '';
	return render(to, `Paiement reçu — facture ${receipt.number}`, hello(person), [
		{
			text: `Nous avons bien reçu votre paiement en ligne de ${amount}${how} pour la facture ${receipt.number}, le ${frenchLongDateTime(receipt.paidAt)}.`
		},
		{
			text: 'La facture apparaît comme payée dans votre Espace Famille :',
			link: { href: receipt.link, label: 'Voir mes factures' }
		}
	]);
}
