// TeX in titles and abstracts, degraded to readable plain text for mail subjects, mail bodies and
// feed entries (no mail client renders KaTeX): `$\alpha$-VAE` -> "α-VAE", `$\mathcal{O}(n^2)$` ->
// "O(n²)", `Schr\"odinger` -> "Schrödinger". Known commands become their Unicode symbol, font
// and text commands keep their argument, unknown commands keep their name without the backslash
// (`\LaTeX` -> "LaTeX"): never lose words, never show a backslash.

const SYMBOLS: Record<string, string> = {
  // Greek
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  omicron: "ο",
  pi: "π",
  varpi: "ϖ",
  rho: "ρ",
  varrho: "ϱ",
  sigma: "σ",
  varsigma: "ς",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Upsilon: "Υ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  // relations and operators
  times: "×",
  cdot: "·",
  pm: "±",
  mp: "∓",
  div: "÷",
  ast: "∗",
  star: "⋆",
  circ: "∘",
  bullet: "•",
  leq: "≤",
  le: "≤",
  geq: "≥",
  ge: "≥",
  neq: "≠",
  ne: "≠",
  approx: "≈",
  sim: "∼",
  simeq: "≃",
  cong: "≅",
  equiv: "≡",
  propto: "∝",
  ll: "≪",
  gg: "≫",
  prec: "≺",
  succ: "≻",
  preceq: "⪯",
  succeq: "⪰",
  in: "∈",
  notin: "∉",
  ni: "∋",
  subset: "⊂",
  subseteq: "⊆",
  supset: "⊃",
  supseteq: "⊇",
  cup: "∪",
  cap: "∩",
  setminus: "∖",
  emptyset: "∅",
  varnothing: "∅",
  forall: "∀",
  exists: "∃",
  neg: "¬",
  lnot: "¬",
  wedge: "∧",
  land: "∧",
  vee: "∨",
  lor: "∨",
  oplus: "⊕",
  otimes: "⊗",
  odot: "⊙",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  gets: "←",
  leftrightarrow: "↔",
  Rightarrow: "⇒",
  Leftarrow: "⇐",
  Leftrightarrow: "⇔",
  implies: "⇒",
  iff: "⇔",
  mapsto: "↦",
  uparrow: "↑",
  downarrow: "↓",
  longrightarrow: "⟶",
  hookrightarrow: "↪",
  infty: "∞",
  partial: "∂",
  nabla: "∇",
  sum: "∑",
  prod: "∏",
  int: "∫",
  oint: "∮",
  sqrt: "√",
  ell: "ℓ",
  hbar: "ℏ",
  Re: "ℜ",
  Im: "ℑ",
  aleph: "ℵ",
  wp: "℘",
  dagger: "†",
  ddagger: "‡",
  top: "⊤",
  bot: "⊥",
  perp: "⊥",
  parallel: "∥",
  mid: "∣",
  angle: "∠",
  prime: "′",
  degree: "°",
  langle: "⟨",
  rangle: "⟩",
  lfloor: "⌊",
  rfloor: "⌋",
  lceil: "⌈",
  rceil: "⌉",
  ldots: "…",
  cdots: "⋯",
  dots: "…",
  vdots: "⋮",
  ddots: "⋱",
  dotsc: "…",
  dotsb: "⋯",
  checkmark: "✓",
  vert: "|",
  Vert: "‖",
  lvert: "|",
  rvert: "|",
  lVert: "‖",
  rVert: "‖",
  // text-mode specials
  ss: "ß",
  o: "ø",
  O: "Ø",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  l: "ł",
  L: "Ł",
  i: "ı",
  textendash: "–",
  textemdash: "—",
  textbackslash: "\\",
  S: "§",
  P: "¶",
  copyright: "©",
  pounds: "£",
  euro: "€",
  textregistered: "®",
  texttrademark: "™",
  textdegree: "°",
};

const TEXT_SYMBOLS = new Set(["ss", "o", "O", "ae", "AE", "oe", "OE", "aa", "AA", "l", "L", "i"]);

/** Named operators print as words, spaced from their neighbours. */
const WORDS = new Set([
  "log",
  "ln",
  "exp",
  "sin",
  "cos",
  "tan",
  "sinh",
  "cosh",
  "tanh",
  "arcsin",
  "arccos",
  "arctan",
  "max",
  "min",
  "sup",
  "inf",
  "lim",
  "limsup",
  "liminf",
  "arg",
  "argmax",
  "argmin",
  "det",
  "dim",
  "ker",
  "deg",
  "gcd",
  "Pr",
  "tr",
  "softmax",
  "mod",
  "bmod",
  "pmod",
]);

/** Commands whose one argument is kept as is (fonts, text, emphasis, boxes). */
const KEEP_ARG = new Set([
  "text",
  "textrm",
  "textbf",
  "textit",
  "textsf",
  "texttt",
  "textsc",
  "textup",
  "textnormal",
  "emph",
  "mathrm",
  "mathbf",
  "mathit",
  "mathsf",
  "mathtt",
  "mathcal",
  "mathscr",
  "mathfrak",
  "boldsymbol",
  "bm",
  "operatorname",
  "mbox",
  "hbox",
  "underline",
  "overline",
  "widetilde",
  "widehat",
  "pmb",
  "textsl",
  "ensuremath",
  "mathnormal",
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "url",
  "mathop",
]);

/** Commands that vanish with their argument(s) kept out (sizing, spacing, references). */
const DROP = new Set([
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "biggl",
  "biggr",
  "limits",
  "nolimits",
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "scriptscriptstyle",
  "it",
  "bf",
  "rm",
  "sf",
  "tt",
  "em",
  "sl",
  "sc",
  "small",
  "large",
  "Large",
  "normalsize",
  "footnotesize",
  "tiny",
  "huge",
  "noindent",
  "relax",
  "protect",
  "nobreak",
  "allowbreak",
]);

const SPACES: Record<string, string> = {
  ",": " ",
  ";": " ",
  ":": " ",
  "!": "",
  " ": " ",
  quad: " ",
  qquad: " ",
  enspace: " ",
  thinspace: " ",
};

/** Combining marks of the text accents \' \` \^ \" \~ \= \. \c \v \u \H and the math accents. */
const ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  c: "\u0327",
  v: "\u030C",
  u: "\u0306",
  H: "\u030B",
  k: "\u0328",
  r: "\u030A",
  hat: "\u0302",
  tilde: "\u0303",
  bar: "\u0304",
  vec: "\u20D7",
  dot: "\u0307",
  ddot: "\u0308",
  acute: "\u0301",
  grave: "\u0300",
  breve: "\u0306",
  check: "\u030C",
};

const DOUBLE_STRUCK: Record<string, string> = Object.fromEntries([
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("").map((ch, k) => [ch, [..."𝔸𝔹ℂ𝔻𝔼𝔽𝔾ℍ𝕀𝕁𝕂𝕃𝕄ℕ𝕆ℙℚℝ𝕊𝕋𝕌𝕍𝕎𝕏𝕐ℤ"][k]]),
  ["1", "𝟙"],
]);

const SUP: Record<string, string> = {
  0: "⁰",
  1: "¹",
  2: "²",
  3: "³",
  4: "⁴",
  5: "⁵",
  6: "⁶",
  7: "⁷",
  8: "⁸",
  9: "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  n: "ⁿ",
  i: "ⁱ",
  T: "ᵀ",
  a: "ᵃ",
  b: "ᵇ",
  c: "ᶜ",
  d: "ᵈ",
  e: "ᵉ",
  k: "ᵏ",
  m: "ᵐ",
  o: "ᵒ",
  p: "ᵖ",
  r: "ʳ",
  s: "ˢ",
  t: "ᵗ",
  u: "ᵘ",
  v: "ᵛ",
  w: "ʷ",
  x: "ˣ",
  y: "ʸ",
  z: "ᶻ",
  "′": "′",
  "*": "*",
};
const SUB: Record<string, string> = {
  0: "₀",
  1: "₁",
  2: "₂",
  3: "₃",
  4: "₄",
  5: "₅",
  6: "₆",
  7: "₇",
  8: "₈",
  9: "₉",
  "+": "₊",
  "-": "₋",
  "−": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  o: "ₒ",
  x: "ₓ",
  h: "ₕ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  p: "ₚ",
  s: "ₛ",
  t: "ₜ",
  i: "ᵢ",
  j: "ⱼ",
  r: "ᵣ",
  u: "ᵤ",
  v: "ᵥ",
};

/** Longer inputs are cut: titles and two-line excerpts are short, and the work stays bounded. */
const MAX_INPUT = 20_000;

export function texToText(input: string): string {
  const out = new Converter(input.slice(0, MAX_INPUT)).run(false);
  return out.normalize("NFC").replace(/\s+/g, " ").trim();
}

class Converter {
  private i = 0;
  constructor(private readonly s: string) {}

  run(math: boolean, stopAt?: string): string {
    let out = "";
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (stopAt && c === stopAt) break;
      if (c === "$" && !math) {
        const display = s[this.i + 1] === "$";
        const open = display ? 2 : 1;
        const close = this.findDollar(this.i + open, display);
        if (close < 0) {
          out += "$";
          this.i++;
          continue;
        }
        const inner = new Converter(s.slice(this.i + open, close)).run(true);
        out = joinWord(out, inner.trim());
        this.i = close + open;
        continue;
      }
      if (c === "\\") {
        out = this.command(out, math);
        continue;
      }
      if (c === "{") {
        this.i++;
        out += this.run(math, "}");
        this.i++; // the closing brace (or the end)
        continue;
      }
      if (c === "}") {
        this.i++;
        continue;
      }
      if (math && (c === "^" || c === "_")) {
        this.i++;
        const arg = this.argument(true);
        out += script(arg, c === "^" ? SUP : SUB, c);
        continue;
      }
      if (c === "~") {
        out += " ";
        this.i++;
        continue;
      }
      if (!math && c === "-" && s.startsWith("---", this.i)) {
        out += "—";
        this.i += 3;
        continue;
      }
      if (!math && c === "-" && s.startsWith("--", this.i)) {
        out += "–";
        this.i += 2;
        continue;
      }
      if (!math && (s.startsWith("``", this.i) || s.startsWith("''", this.i))) {
        out += c === "`" ? "“" : "”";
        this.i += 2;
        continue;
      }
      if (math && c === "'") {
        out += "′";
        this.i++;
        continue;
      }
      out += c;
      this.i++;
    }
    return out;
  }

  /** Index of the closing $ (or $$), skipping escaped characters; -1 if none. */
  private findDollar(from: number, display: boolean): number {
    for (let j = from; j < this.s.length; j++) {
      if (this.s[j] === "\\") {
        j++;
        continue;
      }
      if (this.s[j] === "$" && (!display || this.s[j + 1] === "$")) return j;
    }
    return -1;
  }

  /** A command at this.i (the backslash). Returns the new output. */
  private command(out: string, math: boolean): string {
    const s = this.s;
    this.i++; // backslash
    if (this.i >= s.length) return out;
    let name: string;
    if (/[A-Za-z]/.test(s[this.i])) {
      const m = /^[A-Za-z]+/.exec(s.slice(this.i, this.i + 40)) as RegExpExecArray;
      name = m[0];
      this.i += name.length;
    } else {
      name = s[this.i];
      this.i++;
    }
    // Escaped specials: \% \& \$ \# \_ \{ \}
    if ("%&$#_{}".includes(name)) return out + name;
    if (name === "\\") return `${out} `; // line break
    if (name in SPACES) return out + SPACES[name];
    if (
      name in ACCENTS &&
      (name.length === 1 || math || ["hat", "tilde", "bar", "vec", "dot", "ddot"].includes(name))
    ) {
      const arg = this.argument(math);
      if (!arg) return out;
      return out + arg[0] + ACCENTS[name] + arg.slice(1);
    }
    if (name === "frac" || name === "dfrac" || name === "tfrac") {
      const a = this.argument(math);
      const b = this.argument(math);
      return `${out}${wrap(a)}/${wrap(b)}`;
    }
    if (name === "sqrt") {
      this.optional();
      const a = this.argument(math);
      return `${out}√${wrap(a)}`;
    }
    if (name === "mathbb" || name === "mathbbm" || name === "bbm") {
      const a = this.argument(math);
      return out + [...a].map((ch) => DOUBLE_STRUCK[ch] ?? ch).join("");
    }
    if (KEEP_ARG.has(name)) {
      return out + this.argument(math);
    }
    if (DROP.has(name)) {
      return out;
    }
    if (name === "cite" || name === "ref" || name === "label" || name === "footnote") {
      this.argument(math);
      return out;
    }
    if (WORDS.has(name)) {
      this.skipSpace();
      return joinWord(out, name) + (/[A-Za-z0-9]/.test(s[this.i] ?? "") ? " " : "");
    }
    if (name in SYMBOLS) {
      // A text-mode control word swallows the space after it (TeX's rule: Stra\ss e).
      if (!math && TEXT_SYMBOLS.has(name)) this.skipOneSpace();
      return out + SYMBOLS[name];
    }
    // Unknown: keep the name (\LaTeX -> LaTeX, \method -> method), never the backslash.
    if (!math) this.skipOneSpace();
    return joinWord(out, name);
  }

  /** The next argument: a {group}, a command or one character. */
  private argument(math: boolean): string {
    this.skipSpace();
    const c = this.s[this.i];
    if (c === undefined || c === "}") return ""; // a missing argument; the brace closes a group
    if (c === "{") {
      this.i++;
      const inner = this.run(math, "}");
      this.i++;
      return inner;
    }
    if (c === "\\") return this.command("", math);
    this.i++;
    return c;
  }

  private optional(): void {
    if (this.s[this.i] !== "[") return;
    const end = this.s.indexOf("]", this.i);
    this.i = end < 0 ? this.s.length : end + 1;
  }

  private skipSpace(): void {
    while (this.s[this.i] === " ") this.i++;
  }

  private skipOneSpace(): void {
    if (this.s[this.i] === " " && /[A-Za-z]/.test(this.s[this.i + 1] ?? "")) this.i++;
  }
}

/** Appends a word, with a space if it would otherwise run into a letter or digit. */
function joinWord(out: string, word: string): string {
  if (!word) return out;
  return /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(word) ? `${out} ${word}` : out + word;
}

function wrap(s: string): string {
  const t = s.trim();
  return t.length <= 1 || /^[\p{L}\p{N}.]+$/u.test(t) ? t : `(${t})`;
}

function script(arg: string, table: Record<string, string>, mark: string): string {
  const t = arg.trim();
  if (t === "") return "";
  if (mark === "^" && (t === "∘" || t === "o")) return "°";
  const chars = [...t];
  if (chars.every((ch) => ch in table)) return chars.map((ch) => table[ch]).join("");
  return `${mark}${chars.length > 1 && !/^[\p{L}\p{N}.,]+$/u.test(t) ? `(${t})` : t}`;
}
