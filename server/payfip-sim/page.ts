// The simulator's payment page: plain server-rendered French HTML, no script and no external asset
// (the app's CSP applies unchanged), one accessible form: the debt, the means of payment, a card
// form, when PayFiP should notify the app, and « Payer », « Refuser », « Annuler ».
import type { SimOperation } from './operations';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const euros = (cents: number) =>
	new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;background:#f4f5f7;margin:0;line-height:1.5}
header{background:#000091;color:#fff;padding:1rem 1.5rem}
header p{margin:0;font-size:.9rem}
main{max-width:40rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border:1px solid #ccc}
h1{font-size:1.5rem;margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:bold}
dd{margin:0}
fieldset{border:1px solid #999;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:bold;padding:0 .25rem}
label{display:block;margin:.35rem 0}
input[type=text]{display:block;font-size:1rem;padding:.4rem;border:1px solid #555;width:16rem;max-width:100%}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
button{font-size:1rem;padding:.6rem 1.2rem;border:2px solid #000091;background:#fff;color:#000091;cursor:pointer}
button.primary{background:#000091;color:#fff}
button:focus-visible,input:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.note{font-size:.9rem;color:#444}
a{color:#000091}
`;

function layout(title: string, body: string): string {
	return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Simulateur PayFiP</title>
<style>${STYLE}</style>
</head>
<body>
<header><p><strong>PayFiP — simulateur local</strong></p><p>Aucun paiement réel : cette page imite le service de paiement de la DGFiP.</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

export function paymentPage(op: SimOperation): string {
	const id = escapeHtml(op.idop);
	return layout(
		'Paiement',
		`<h1>Payer ${escapeHtml(euros(op.montant))}</h1>
<dl>
<dt>Objet</dt><dd>${escapeHtml(op.objet)}</dd>
<dt>Référence</dt><dd>${escapeHtml(op.refdet)}</dd>
<dt>Exercice</dt><dd>${escapeHtml(op.exer)}</dd>
<dt>Montant</dt><dd>${escapeHtml(euros(op.montant))}</dd>
<dt>Courriel</dt><dd>${escapeHtml(op.mel)}</dd>
</dl>
<form method="post" action="paiementws.web">
<input type="hidden" name="idop" value="${id}">
<fieldset>
<legend>Moyen de paiement</legend>
<label><input type="radio" name="means" value="card" checked> Carte bancaire</label>
<label><input type="radio" name="means" value="debit"> Prélèvement unique (impots.gouv)</label>
</fieldset>
<fieldset>
<legend>Carte bancaire</legend>
<label for="card">Numéro de carte</label>
<input type="text" id="card" name="card" inputmode="numeric" autocomplete="off" value="4970 1000 0000 0000">
<label for="expiry">Date d’expiration (MM/AA)</label>
<input type="text" id="expiry" name="expiry" autocomplete="off" value="12/30">
<label for="cvv">Cryptogramme visuel</label>
<input type="text" id="cvv" name="cvv" inputmode="numeric" autocomplete="off" value="123">
<p class="note">Simulateur : toute valeur est acceptée, rien n’est débité.</p>
</fieldset>
<fieldset>
<legend>Notification au serveur de l’Espace Famille</legend>
<label><input type="radio" name="notify" value="immediate" checked> Immédiate</label>
<label><input type="radio" name="notify" value="delayed"> Retardée (10 s)</label>
<label><input type="radio" name="notify" value="twice"> Envoyée deux fois</label>
<label><input type="radio" name="notify" value="none"> Aucune</label>
</fieldset>
<div class="actions">
<button type="submit" name="action" value="pay" class="primary">Payer</button>
<button type="submit" name="action" value="refuse">Refuser</button>
<button type="submit" name="action" value="cancel">Annuler</button>
</div>
</form>`
	);
}

/** A page for an operation that cannot be paid (unknown, expired, already settled). */
export function messagePage(title: string, text: string, back?: string): string {
	return layout(
		title,
		`<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
${back ? `<p><a href="${escapeHtml(back)}">Retourner à l’Espace Famille</a></p>` : ''}`
	);
}
