// Which arXiv OAI-PMH set holds a category. arXiv's sets are its top-level archives (cs, math,
// stat, q-bio, ...), except that the physics archives sit one level down under `physics:`
// (physics:hep-th, physics:cond-mat, ...). OAI cannot select a single category like cs.LG, so
// we harvest the archive's set and keep the records that carry a wanted category.

/** The archives arXiv files under the `physics` group in its OAI set hierarchy. */
const PHYSICS_ARCHIVES = new Set([
  "astro-ph",
  "cond-mat",
  "gr-qc",
  "hep-ex",
  "hep-lat",
  "hep-ph",
  "hep-th",
  "math-ph",
  "nlin",
  "nucl-ex",
  "nucl-th",
  "physics",
  "quant-ph",
]);

/** cs.LG -> cs; math.AP -> math; hep-th -> physics:hep-th; physics.optics -> physics:physics. */
export function oaiSetFor(category: string): string {
  const archive = category.split(".")[0];
  return PHYSICS_ARCHIVES.has(archive) ? `physics:${archive}` : archive;
}

/** The sets to harvest for some categories, each with the categories it serves, in first-seen order. */
export function groupBySet(categories: string[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const c of categories) {
    const set = oaiSetFor(c);
    const list = sets.get(set) ?? [];
    if (!list.includes(c)) list.push(c);
    sets.set(set, list);
  }
  for (const list of sets.values()) list.sort();
  return sets;
}

/**
 * Does a paper filed under `paperCategories` belong to one of `wanted`? A wanted archive name
 * without subject class (e.g. "cs", "astro-ph") matches all of its categories.
 */
export function inCategories(paperCategories: readonly string[], wanted: readonly string[]): boolean {
  return paperCategories.some((c) => wanted.some((w) => c === w || c.startsWith(`${w}.`)));
}
