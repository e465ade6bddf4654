// The vault (« Pièces justificatives ») as the parent reads it: pieces grouped by person, then by
// kind, each with where it stands (on the server, « En attente d’envoi », or refused with the
// server's reason). Pure.
import { PIECE_KIND_LABELS, type PieceKind } from '$domain/documents';
import { AWAITING_SEND_LABEL } from '$domain/request-status';
import type { DeniedDoc } from '$sync/pending';
import type { PieceDocument } from './piece.service';
import { personLabel, type Person } from './persons';

export interface VaultItem {
	piece: PieceDocument;
	kindLabel: string;
	/** « En attente d’envoi », « Refusée à l’envoi » or « Enregistrée ». */
	stateLabel: string;
	reason: string | null;
	waiting: boolean;
}

export interface VaultGroup {
	personId: string;
	person: string;
	items: VaultItem[];
}

export const STORED_LABEL = 'Enregistrée';

export function kindLabel(kind: unknown): string {
	return PIECE_KIND_LABELS[kind as PieceKind] ?? 'Pièce';
}

export function vaultGroups(
	vault: readonly PieceDocument[],
	persons: readonly Person[],
	pendingIds: readonly string[],
	denied: readonly DeniedDoc[]
): VaultGroup[] {
	const groups = new Map<string, VaultGroup>();
	for (const piece of vault) {
		const personId = String(piece.personId ?? '');
		const group = groups.get(personId) ?? {
			personId,
			person: personLabel(persons, personId),
			items: []
		};
		groups.set(personId, group);
		const refusal = denied.find((d) => d.id === piece._id)?.reason ?? null;
		const waiting = !refusal && pendingIds.includes(piece._id);
		group.items.push({
			piece,
			kindLabel: kindLabel(piece.kind),
			stateLabel: refusal ? 'Refusée à l’envoi' : waiting ? AWAITING_SEND_LABEL : STORED_LABEL,
			reason: refusal,
			waiting
		});
	}
	const order = (id: string) => {
		const i = persons.findIndex((p) => p.id === id);
		return i < 0 ? persons.length : i;
	};
	return [...groups.values()]
		.sort((a, b) => order(a.personId) - order(b.personId))
		.map((g) => ({
			...g,
			items: g.items.sort(
				(a, b) =>
					a.kindLabel.localeCompare(b.kindLabel, 'fr') ||
					String(b.piece.updatedAt ?? '').localeCompare(String(a.piece.updatedAt ?? ''))
			)
		}));
}
