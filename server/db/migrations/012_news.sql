-- Public news (ACTUALITÉS on the home page), published by the service's agents (issue 9 item 6).
CREATE TABLE news (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	published_on TEXT NOT NULL,                  -- YYYY-MM-DD, Europe/Paris: shown from that day
	ends_on TEXT,                                -- YYYY-MM-DD: last day shown, or NULL
	created_by TEXT REFERENCES users(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX news_published ON news(published_on DESC, id DESC);

-- The news the service's guide shows (it was static text until now).
INSERT INTO news (title, body, published_on, ends_on, created_at, updated_at) VALUES (
	'Simulateur de tarifs',
	'Cet outil vous permet d''estimer les tarifs applicables à votre foyer en fonction de vos ressources, du nombre d''enfants à charge et du nombre d''heures d''accueil. Le tarif horaire est calculé selon le barème national de la Caisse nationale des allocations familiales.',
	'2021-11-03', NULL, 1635926400000, 1635926400000);
