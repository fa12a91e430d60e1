/** A unit of time a lifetime is written in. */
export type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/*
 * Units of time as cookie pages write them, in the built-in languages and Nynorsk: singular, plural and the
 * inflected forms a number takes ("13 kuukautta", "2 Jahren"), and common abbreviations. A
 * catalog reads the words of English and of its own locales; a word two of them use for
 * different units ("v": vecka in Swedish, vuosi in Finnish) is refused with the choice.
 */

type Words = Readonly<Record<DurationUnit, readonly string[]>>;

export const UNIT_WORDS: Readonly<Record<string, Words>> = {
  en: {
    second: ['second', 'seconds', 'sec', 'secs', 's'],
    minute: ['minute', 'minutes', 'min', 'mins'],
    hour: ['hour', 'hours', 'hr', 'hrs', 'h'],
    day: ['day', 'days', 'd'],
    week: ['week', 'weeks', 'wk', 'wks'],
    month: ['month', 'months', 'mo', 'mos', 'mth', 'mths'],
    year: ['year', 'years', 'yr', 'yrs', 'y'],
  },
  sv: {
    second: ['sekund', 'sekunder', 'sek', 's'],
    minute: ['minut', 'minuter', 'min'],
    hour: ['timme', 'timmar', 'tim', 'h'],
    day: ['dag', 'dagar', 'dygn', 'd'],
    week: ['vecka', 'veckor', 'v', 'v.'],
    month: ['månad', 'månader', 'mån', 'mån.'],
    year: ['år'],
  },
  nb: {
    second: ['sekund', 'sekunder', 'sek', 's'],
    minute: ['minutt', 'minutter', 'min'],
    hour: ['time', 'timer', 't'],
    day: ['dag', 'dager', 'døgn', 'd'],
    week: ['uke', 'uker', 'u'],
    month: ['måned', 'måneder', 'mnd', 'mnd.'],
    year: ['år'],
  },
  // Nynorsk: no built-in labels (a catalog in nn writes them), but its unit words are read.
  nn: {
    second: ['sekund', 'sekundar', 'sek', 's'],
    minute: ['minutt', 'minuttar', 'min'],
    hour: ['time', 'timar', 't'],
    day: ['dag', 'dagar', 'døgn', 'døger', 'd'],
    week: ['veke', 'veker', 'v.'],
    month: ['månad', 'månader', 'månadar', 'mnd', 'mnd.'],
    year: ['år'],
  },
  da: {
    second: ['sekund', 'sekunder', 'sek', 's'],
    minute: ['minut', 'minutter', 'min'],
    hour: ['time', 'timer', 't'],
    day: ['dag', 'dage', 'døgn', 'd'],
    week: ['uge', 'uger', 'u'],
    month: ['måned', 'måneder', 'md', 'md.', 'mdr', 'mdr.'],
    year: ['år'],
  },
  fi: {
    second: ['sekunti', 'sekuntia', 'sekuntti', 's'],
    minute: ['minuutti', 'minuuttia', 'min'],
    hour: ['tunti', 'tuntia', 'h', 't'],
    day: ['päivä', 'päivää', 'vrk', 'pv', 'pv.'],
    week: ['viikko', 'viikkoa', 'vk', 'vk.'],
    month: ['kuukausi', 'kuukautta', 'kk', 'kk.'],
    year: ['vuosi', 'vuotta', 'v', 'v.'],
  },
  de: {
    second: ['Sekunde', 'Sekunden', 'Sek.', 'Sek', 's'],
    minute: ['Minute', 'Minuten', 'Min.', 'Min'],
    hour: ['Stunde', 'Stunden', 'Std.', 'Std', 'h'],
    day: ['Tag', 'Tage', 'Tagen', 'd'],
    week: ['Woche', 'Wochen', 'Wo.'],
    month: ['Monat', 'Monate', 'Monaten', 'Mon.'],
    year: ['Jahr', 'Jahre', 'Jahren', 'J.'],
  },
  fr: {
    second: ['seconde', 'secondes', 'sec', 's'],
    minute: ['minute', 'minutes', 'min'],
    hour: ['heure', 'heures', 'h'],
    day: ['jour', 'jours', 'j'],
    week: ['semaine', 'semaines', 'sem.'],
    month: ['mois'],
    year: ['an', 'ans', 'année', 'années'],
  },
  nl: {
    second: ['seconde', 'seconden', 'sec', 's'],
    minute: ['minuut', 'minuten', 'min'],
    hour: ['uur', 'uren', 'u'],
    day: ['dag', 'dagen', 'd'],
    week: ['week', 'weken', 'wk'],
    month: ['maand', 'maanden', 'mnd'],
    year: ['jaar', 'jaren', 'j'],
  },
  es: {
    second: ['segundo', 'segundos', 'seg', 's'],
    minute: ['minuto', 'minutos', 'min'],
    hour: ['hora', 'horas', 'h'],
    day: ['día', 'días', 'dia', 'dias', 'd'],
    week: ['semana', 'semanas', 'sem.'],
    month: ['mes', 'meses'],
    year: ['año', 'años'],
  },
};

/**
 * Words that say a duration is not exact ("about 2 years", "usually 1–4 weeks"), per built-in
 * language; the policy then says "about" in every locale.
 */
export const APPROXIMATE_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'about',
    'approx.',
    'approx',
    'approximately',
    'around',
    'circa',
    'ca.',
    'c.',
    'usually',
    'typically',
    'normally',
    'up to about',
  ],
  sv: ['cirka', 'ca', 'ca.', 'ungefär', 'omkring', 'runt', 'vanligen', 'vanligtvis', 'normalt'],
  nb: ['cirka', 'ca', 'ca.', 'omtrent', 'omkring', 'rundt', 'vanligvis', 'normalt'],
  nn: ['cirka', 'ca', 'ca.', 'om lag', 'omtrent', 'omkring', 'vanlegvis', 'normalt'],
  da: ['cirka', 'ca', 'ca.', 'omkring', 'omtrent', 'typisk', 'normalt', 'sædvanligvis'],
  fi: ['noin', 'n.', 'ca.', 'yleensä', 'tavallisesti', 'suunnilleen'],
  de: ['etwa', 'ca.', 'ca', 'ungefähr', 'rund', 'circa', 'normalerweise', 'üblicherweise', 'meist'],
  fr: ['environ', 'env.', 'env', 'approximativement', 'généralement', 'habituellement'],
  nl: ['ongeveer', 'ca.', 'circa', 'meestal', 'gewoonlijk', 'normaal'],
  es: ['aproximadamente', 'aprox.', 'unos', 'unas', 'alrededor de', 'normalmente', 'generalmente'],
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  sv: 'Swedish',
  nb: 'Norwegian (Bokmål)',
  nn: 'Norwegian (Nynorsk)',
  da: 'Danish',
  fi: 'Finnish',
  de: 'German',
  fr: 'French',
  nl: 'Dutch',
  es: 'Spanish',
};

/** The built-in languages a catalog's locales speak, English always first. */
export function languagesOf(locales: readonly string[] = []): string[] {
  const languages = ['en'];
  for (const locale of locales) {
    const tag = locale.toLowerCase().split('-')[0] ?? '';
    // Norwegian: "no" is Bokmål; Nynorsk pages also write Bokmål's forms.
    const spoken = tag === 'no' ? ['nb'] : tag === 'nn' ? ['nn', 'nb'] : [tag];
    for (const language of spoken)
      if (UNIT_WORDS[language] && !languages.includes(language)) languages.push(language);
  }
  return languages;
}

export type UnitLookup =
  | { readonly ok: true; readonly unit: DurationUnit }
  | { readonly ok: false; readonly meanings: readonly { unit: DurationUnit; language: string }[] };

/**
 * The unit a word names in the given languages: case does not matter for whole words, and a
 * word that names different units in two of the languages has several meanings.
 */
export function unitOf(word: string, languages: readonly string[]): UnitLookup {
  const lower = word.toLowerCase();
  const meanings: { unit: DurationUnit; language: string }[] = [];
  for (const language of languages) {
    const words = UNIT_WORDS[language];
    if (!words) continue;
    for (const [unit, forms] of Object.entries(words) as [DurationUnit, readonly string[]][]) {
      if (forms.some((form) => form.toLowerCase() === lower)) meanings.push({ unit, language });
    }
  }
  const units = [...new Set(meanings.map((m) => m.unit))];
  if (units.length === 1 && units[0]) return { ok: true, unit: units[0] };
  return { ok: false, meanings };
}

/** The longest approximation word the text starts with, in the given languages. */
export function approximationPrefix(
  text: string,
  languages: readonly string[],
): string | undefined {
  const lower = text.toLowerCase();
  let found: string | undefined;
  for (const language of languages) {
    for (const word of APPROXIMATE_WORDS[language] ?? []) {
      if (
        lower.startsWith(word) &&
        /^[\s\d]/.test(lower.slice(word.length)) &&
        word.length > (found?.length ?? 0)
      )
        found = word;
    }
  }
  return found;
}

/** "vecka (Swedish)", for a message about a word with several meanings. */
export function describeMeaning(meaning: { unit: DurationUnit; language: string }): string {
  const full = UNIT_WORDS[meaning.language]?.[meaning.unit]?.[0] ?? meaning.unit;
  return `${meaning.unit} in ${LANGUAGE_NAMES[meaning.language] ?? meaning.language} ("${full}")`;
}
