import type { LabelKey } from './model.js';

/**
 * Words the tool adds around facts that only some catalogs have, so that a catalog valid before
 * they existed stays valid: built in for the languages below, and `labels` in policy.yaml
 * overrides them. A catalog in another language writes them under `labels` (validate lists
 * which). Each keeps the {placeholders} of the English.
 */
export const BUILT_IN_LABELS: Readonly<
  Partial<Record<LabelKey, Readonly<Record<string, string>>>>
> = {
  unknownLifetime: {
    en: 'not stated by the provider',
    sv: 'anges inte av leverantören',
    nb: 'ikke oppgitt av leverandøren',
    da: 'ikke oplyst af udbyderen',
    fi: 'palveluntarjoaja ei ilmoita',
    de: 'vom Anbieter nicht angegeben',
    fr: 'non indiquée par le fournisseur',
    nl: 'niet opgegeven door de aanbieder',
    es: 'no indicada por el proveedor',
  },
  lifetimeRange: {
    en: '{from} to {to}',
    sv: '{from} till {to}',
    nb: '{from} til {to}',
    da: '{from} til {to}',
    fi: '{from}–{to}',
    de: '{from} bis {to}',
    fr: 'de {from} à {to}',
    nl: '{from} tot {to}',
    es: 'de {from} a {to}',
  },
  inactivity: {
    en: '{stated}, or {inactive} without activity',
    sv: '{stated}, eller {inactive} utan aktivitet',
    nb: '{stated}, eller {inactive} uten aktivitet',
    da: '{stated}, eller {inactive} uden aktivitet',
    fi: '{stated} tai {inactive} ilman toimintaa',
    de: '{stated} oder {inactive} ohne Aktivität',
    fr: '{stated}, ou {inactive} sans activité',
    nl: '{stated}, of {inactive} zonder activiteit',
    es: '{stated}, o {inactive} sin actividad',
  },
  setOnOurSiteBy: {
    en: 'set on our site by {vendor}',
    sv: 'sätts på vår webbplats av {vendor}',
    nb: 'settes på nettstedet vårt av {vendor}',
    da: 'sættes på vores websted af {vendor}',
    fi: 'sivustollemme asettaa {vendor}',
    de: 'auf unserer Website gesetzt von {vendor}',
    fr: 'déposé sur notre site par {vendor}',
    nl: 'op onze site geplaatst door {vendor}',
    es: 'colocada en nuestro sitio por {vendor}',
  },
};

/** The labels with a built-in text, which policy.yaml may leave out. */
export const OPTIONAL_LABELS = Object.keys(BUILT_IN_LABELS) as LabelKey[];

/**
 * The built-in text of `key` for `locale`: by the exact tag, else by its language ("sv-FI" → sv;
 * Norwegian "no" → Bokmål "nb").
 */
export function builtInLabel(key: LabelKey, locale: string): string | undefined {
  const texts = BUILT_IN_LABELS[key];
  if (!texts) return undefined;
  const language = locale.toLowerCase().split('-')[0] ?? '';
  return texts[locale] ?? texts[language] ?? (language === 'no' ? texts.nb : undefined);
}
