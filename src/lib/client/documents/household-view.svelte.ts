// What the signed-in area shows of the household, live: its declarations, pre-registrations,
// pieces, answers to « Pièces demandées » and to places offered, confirmations before a
// commission session and the service's documents, read through the document services and refreshed on every
// local change (the parent's writes and what replication pulls). Pages create one, call
// `start()` in an effect and read the derived lists.
import { syncManager } from '$sync/sync-manager.svelte';
import { entourages, type EntourageDocument } from './entourage.service';
import {
	confirmations,
	offerAnswers,
	type ConfirmationDocument,
	type OfferAnswerDoc
} from './offer-answer.service';
import { pieces, type PieceDocument } from './piece.service';
import { preinscriptions, type PreinscriptionDocument } from './preinscription.service';
import { replies, type ReplyDocument } from './reply.service';
import { listDrafts, listRequests } from './requests';
import { serviceDocs, type RequestStatusDoc, type ServiceMessage } from './service-docs.service';

const SOURCES = 8;

export class HouseholdView {
	entourages = $state.raw<EntourageDocument[]>([]);
	preinscriptions = $state.raw<PreinscriptionDocument[]>([]);
	pieces = $state.raw<PieceDocument[]>([]);
	statuses = $state.raw<RequestStatusDoc[]>([]);
	messages = $state.raw<ServiceMessage[]>([]);
	/** The family's answers to « Pièces demandées » (drafts and sent). */
	replies = $state.raw<ReplyDocument[]>([]);
	/** The family's answers to places offered, and its confirmations before a session. */
	offerAnswers = $state.raw<OfferAnswerDoc[]>([]);
	confirmations = $state.raw<ConfirmationDocument[]>([]);
	/** How many sources answered at least once: the lists are complete when it reaches them all. */
	#answered = $state(new Array<boolean>(SOURCES).fill(false));

	readonly loaded = $derived(this.#answered.every(Boolean));
	readonly requests = $derived(
		listRequests({
			entourages: this.entourages,
			preinscriptions: this.preinscriptions,
			statuses: this.statuses,
			denied: syncManager.denied
		})
	);
	readonly drafts = $derived(
		listDrafts({ entourages: this.entourages, preinscriptions: this.preinscriptions })
	);
	/** Pieces in the vault (submitted), most recent first. */
	readonly vault = $derived(this.pieces.filter((p) => p.state === 'submitted'));
	readonly unread = $derived(this.messages.filter((m) => !m.read).length);

	#mark(i: number) {
		if (!this.#answered[i]) this.#answered = this.#answered.map((a, j) => a || j === i);
	}

	/** Starts watching; returns the function that stops. */
	start(): () => void {
		const stops = [
			entourages.watch((d) => ((this.entourages = d), this.#mark(0))),
			preinscriptions.watch((d) => ((this.preinscriptions = d), this.#mark(1))),
			pieces.watch((d) => ((this.pieces = d), this.#mark(2))),
			serviceDocs.watchStatuses((d) => ((this.statuses = d), this.#mark(3))),
			serviceDocs.watchMessages((d) => ((this.messages = d), this.#mark(4))),
			replies.watch((d) => ((this.replies = d), this.#mark(5))),
			offerAnswers.watch((d) => ((this.offerAnswers = d), this.#mark(6))),
			confirmations.watch((d) => ((this.confirmations = d), this.#mark(7)))
		];
		return () => stops.forEach((stop) => stop());
	}
}
