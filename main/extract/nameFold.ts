/**
 * One key for the spellings of a name that differ only by transliteration or accents:
 * "Sergey Lavrov" / "Sergei Lavrov", "Brilyov" / "Brilev", "Datsuk" / "Datsyuk",
 * "Zelensky" / "Zelenskyy" / "Zelenskiy", "Erdoğan" / "Erdogan". A general folding rule
 * (no list of names): accents dropped, y read as i, the Russian iu/io (ю/ё) as u/e, doubled
 * letters single.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'e')
    .replace(/[’'`]/g, '')
    .replace(/-/g, ' ')
    .replace(/y/g, 'i')
    .replace(/iu/g, 'u')
    .replace(/io/g, 'e')
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A map from names to names whose keys match whatever their transliteration. */
export class FoldedNameMap extends Map<string, string> {
  override get(key: string): string | undefined {
    return super.get(foldName(key));
  }
  override set(key: string, value: string): this {
    return super.set(foldName(key), value);
  }
  override has(key: string): boolean {
    return super.has(foldName(key));
  }
  override delete(key: string): boolean {
    return super.delete(foldName(key));
  }
}
