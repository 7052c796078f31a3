// The one way a reader picks arXiv categories (digest topics, For-you interests): a grid of
// checkboxes, each with the category's id and its full name, all posted under one field name.
import { categoryName } from "../../model/arxivCategories.ts";

export function CategoryChecklist(p: {
  name: string;
  offered: readonly string[];
  checked: readonly string[];
}) {
  const checked = new Set(p.checked);
  return (
    <div class="topic-grid">
      {p.offered.map((id) => {
        const full = categoryName(id);
        return (
          <label key={id} class="topic-choice">
            <input type="checkbox" name={p.name} value={id} checked={checked.has(id)} />
            <span>
              <span class="topic-id">{id}</span>
              {full ? <span class="topic-name">{full}</span> : null}
            </span>
          </label>
        );
      })}
    </div>
  );
}
