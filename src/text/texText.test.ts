import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { texToText } from "./texText.ts";

test("math in titles degrades to readable text", () => {
  const cases: [string, string][] = [
    ["$\\alpha$-VAE: Learning", "α-VAE: Learning"],
    ["$\\mathcal{O}(n\\log n)$ Attention", "O(n log n) Attention"],
    ["M$^3$Exam and SP$^{3}$", "M³Exam and SP³"],
    ["Codes over $\\mathbb{Z}_4$ and $ {\\mathbb R}^{12}$", "Codes over ℤ₄ and ℝ¹²"],
    ["$\\ell_1$ norms, $\\frac{1}{2}$, $\\sqrt{d_k}$", "ℓ₁ norms, 1/2, √dₖ"],
    ["PM$_{2.5}$ Forecasting at 360$^\\circ$", "PM_2.5 Forecasting at 360°"],
    ["$\\mathrm{Softmax}(QK^T/\\sqrt{d})V$", "Softmax(QKᵀ/√d)V"],
    ["$A \\geq B$; $k$-NN; $\\epsilon$-greedy", "A ≥ B; k-NN; ε-greedy"],
    ["\\textsc{DiARC}: Distinguishing", "DiARC: Distinguishing"],
    ["Schr\\\"odinger, Caf\\'e, Stra\\ss e, \\c{c}a", "Schrödinger, Café, Straße, ça"],
    ["{\\em emphasis}, \\textbf{bold}, 50\\% R\\&D, \\$5", "emphasis, bold, 50% R&D, $5"],
    ["\\LaTeX{} --- tools -- and ``quotes''", "LaTeX — tools – and “quotes”"],
    ["Costs $5 and no math", "Costs $5 and no math"],
    ["Unclosed $\\alpha brace {", "Unclosed $α brace"],
    ["$\\hat{y}$ and $\\tilde{x}$", "ŷ and x̃"],
  ];
  for (const [input, expected] of cases) assert.equal(texToText(input), expected, input);
});

test("no input leaves a command or a grouping brace behind, and none throws", () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom(..."ab $\\{}^_'\"`~-αx12 \\alpha \\frac \\mathbb \\text R".split("")),
        maxLength: 60,
      }),
      (s) => {
        const out = texToText(s);
        assert.doesNotMatch(out, /\\[A-Za-z]/);
        // Braces only group, unless escaped (\{ prints a brace).
        if (!/\\[{}]/.test(s)) assert.doesNotMatch(out, /[{}]/);
        assert.equal(out, out.trim());
      },
    ),
    { numRuns: 2000 },
  );
});
