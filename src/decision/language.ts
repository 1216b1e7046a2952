/**
 * Is a text written in the language the risk model's words were learned from (English)?
 *
 * The model's word features (`t:`, `h:`) are fitted on open mail that is English except for a few dozen
 * 2002 spam messages in Spanish, Portuguese, German and other languages. Every non-English word the model
 * knows was therefore seen only in spam: `da`, `du`, `ist` pushed German newsletters and Portuguese order
 * notices toward spam for being in German or Portuguese (a German newsletter was sent to review at 0.82 by
 * such words). Where a text is not English, its words say nothing the model learned about spam, and the
 * review reads it by what is language-independent: the detectors and the phrase categories, whose lists
 * exist in Portuguese, Spanish, German, French, Italian, Dutch and Chinese (training and reviews alike, since both call
 * extractFeatures).
 *
 * How: function words — closed-class words every text of a language is full of, whatever its subject — of
 * English and of the major Latin-script languages besides it (German, French, Spanish, Portuguese, Italian,
 * Dutch), counted over the normalised text (lower case, diacritics dropped: `für` is `fur`). A word that is
 * a function word of English and another language (`in`, `an`, `so`, `was`, `die`, `no`, `me`, `do`, `on`)
 * is in neither list, nor is one of lorem ipsum's (`et`, `est`, `qui`, `non`): placeholder copy is not a
 * language a mail is sent in, and a layout full of it is read by its English words. A text is foreign when it has more of the others' function words than English ones, and at
 * least MIN_FOREIGN of them; a bilingual text, or a short one (a subject, a button), stays English.
 * Language detectors (franc, tinyld) were measured first: 0.8 ms for 2,000 characters, a quarter of a
 * typical review, and they name short English texts French or Dutch.
 */

const ENGLISH = new Set(
  'the and you your to of for is this that with are be it at by from have has will can if not or we our please here all any were us my they their been would should which what when there these those about into than then them he she his her its who how had'.split(' '),
);

const OTHERS = new Set(
  [
    // German
    'der das und ist nicht sie ich du wir ihr ihre ihren ihrem ihrer mit fur auf dem des ein eine einen einem einer zu von bei oder sind wird werden auch nur noch wie bitte unser unsere uber diese dieser dieses haben kann konnen sich dass',
    // French
    'le la les des pour vous votre vos une dans avec pas que sur au aux du ce cette nous notre nos sont par ou merci mais il elle ces leur',
    // Spanish
    'el los las del por con para una su sus es se al lo como pero usted tu este esta gracias nuestro nuestra',
    // Portuguese
    'de da do das dos em os na ao pelo pela mais obrigado um seu sua voce nao seus suas nosso nossa',
    // Italian
    'il di che uno della del sono gli si grazie tuo tua suo questo questa',
    // Dutch
    'het een en van voor niet met op je uw zijn wordt dat deze bij naar ook hebben',
  ]
    .join(' ')
    .split(' '),
);

/** Function words of other languages needed (and more than English ones) before a text counts as foreign. */
export const MIN_FOREIGN = 3;
/** Function words read before deciding: enough to tell, and a bound on the work for a huge text. */
const ENOUGH = 200;

/** Letters of a word (a–z and Latin-1/Latin Extended letters from ß): the word features and the function words read words alike. */
export function isWordLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f);
}

/** English and other-language function words in normalised texts (stops once ENOUGH were seen). */
export function functionWords(texts: readonly string[]): { english: number; others: number } {
  let english = 0;
  let others = 0;
  for (const text of texts) {
    const end = text.length;
    let i = 0;
    while (i < end && english + others < ENOUGH) {
      if (!isWordLetter(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < end && isWordLetter(text.charCodeAt(i))) i++;
      // Function words are short: longer words are not looked up (no slice for them).
      if (i - start > 8) continue;
      const w = text.slice(start, i);
      if (ENGLISH.has(w)) english++;
      else if (OTHERS.has(w)) others++;
    }
  }
  return { english, others };
}

/** Is the text (the visible texts of one template) in a language other than English? */
export function isForeign(texts: readonly string[]): boolean {
  const { english, others } = functionWords(texts);
  return others >= MIN_FOREIGN && others > english;
}
