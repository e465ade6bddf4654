// Words at the heart of the most common passwords (French and international lists), compared
// after removing digits and symbols around them, so "Azerty123!" counts as "azerty".
export const COMMON_PASSWORD_WORDS: ReadonlySet<string> = new Set([
	'password', 'passw', 'pass', 'passwort', 'motdepasse', 'mdp', 'azerty', 'azertyuiop', 'qwerty',
	'qwertyuiop', 'qwertz', 'abc', 'abcd', 'abcdef', 'abcdefgh', 'abcabc', 'admin', 'administrateur',
	'administrator', 'root', 'user', 'utilisateur', 'login', 'welcome', 'bienvenue', 'bonjour',
	'salut', 'coucou', 'soleil', 'doudou', 'loulou', 'chouchou', 'nounours', 'chocolat', 'princesse',
	'marseille', 'paris', 'lyon', 'vienne', 'france', 'football', 'foot', 'olympiquedemarseille',
	'iloveyou', 'jetaime', 'monkey', 'dragon', 'master', 'letmein', 'sunshine', 'princess', 'starwars',
	'superman', 'batman', 'pokemon', 'shadow', 'michael', 'jordan', 'nicolas', 'thomas', 'camille',
	'julien', 'alexandre', 'maxime', 'anthony', 'isabelle', 'nathalie', 'sandrine', 'stephanie',
	'celine', 'amandine', 'marine', 'emma', 'louise', 'jade', 'lucas', 'hugo', 'enzo', 'leo',
	'secret', 'test', 'essai', 'demo', 'changeme', 'changemoi', 'default', 'defaut', 'famille',
	'espacefamille', 'enfant', 'enfants', 'bebe', 'maman', 'papa', 'creche', 'agglo', 'mairie',
	'qazwsx', 'asdf', 'asdfgh', 'zxcvbn', 'trustno', 'whatever', 'hello', 'freedom', 'computer',
	'internet', 'samsung', 'apple', 'google', 'orange', 'free', 'wanadoo', 'hotmail', 'gmail',
	'liverpool', 'arsenal', 'chelsea', 'barcelona', 'realmadrid', 'psg', 'om', 'asse', 'ol',
	'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre',
	'novembre', 'decembre', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
	'printemps', 'ete', 'automne', 'hiver', 'summer', 'winter', 'spring', 'autumn'
]);
