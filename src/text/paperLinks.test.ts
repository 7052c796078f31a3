import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { codeRepository, findPaperLinks, unwrapTexUrls, urlSpans } from "./paperLinks.ts";

test("a repository named in the text is the code link, without the sentence around it", () => {
  const cases: [string, string | null][] = [
    ["Code is available at https://github.com/showlab/Dream.exe.", "https://github.com/showlab/Dream.exe"],
    ["(code: https://github.com/a/b-c)", "https://github.com/a/b-c"],
    ["See \\url{https://github.com/lwCVer/RRSHID}.", "https://github.com/lwCVer/RRSHID"],
    ["at \\href{https://github.com/x/causal}{here}.", "https://github.com/x/causal"],
    ["at \\href{GitHub}{https://github.com/x/WaRA}.", "https://github.com/x/WaRA"],
    ["at https://github.com/13204942/SSL\\_Cervical\\_Seg.", "https://github.com/13204942/SSL_Cervical_Seg"],
    ["at https://github.com/ObedDzik/pca\\_segment.git.", "https://github.com/ObedDzik/pca_segment"],
    ["at https://www.github.com/sremedios/eclare.", "https://github.com/sremedios/eclare"],
    ["Code will be at github.com/Xu3XiWang/CAD-GD.", "https://github.com/Xu3XiWang/CAD-GD"],
    ["at https: //github.com/HongkLin/TIDE.", "https://github.com/HongkLin/TIDE"],
    ["at https:\n//github.com/mbzuai-nlp/finchain.", "https://github.com/mbzuai-nlp/finchain"],
    [
      "at https://github.com/lixinustc/KVQE-\nChallengeCVPR-NTIRE2025.",
      "https://github.com/lixinustc/KVQE-ChallengeCVPR-NTIRE2025",
    ],
    ["at https://github.com/ elakhatibi/CDF-RAG.", "https://github.com/elakhatibi/CDF-RAG"],
    [
      "at https://github.com/lcy80366872/ knowledgeable-r1.",
      "https://github.com/lcy80366872/knowledgeable-r1",
    ],
    ["at https://github.com/g/mono/tree/main/projects/x.", "https://github.com/g/mono/tree/main/projects/x"],
    ["at https://gitlab.com/group/tool and more", "https://gitlab.com/group/tool"],
    ["at https://codeberg.org/owner/proj;", "https://codeberg.org/owner/proj"],
    ["at https://bitbucket.org/owner/proj", "https://bitbucket.org/owner/proj"],
    // Not a repository: an owner alone, the bare host, a word after a broken line, site pages.
    ["will be available at https://github.com/zhu-xlab.", null],
    ["available at https://github.com/.", null],
    ["will be released on github.com under the MIT license.", null],
    ["at https://github.com/yongxianLiu/\nsoon.", null],
    ["see https://github.com/features/copilot and https://github.com/topics/llm", null],
    ["write to someone@github.com/x/y", null],
    ["at https://gitlab.com/explore/projects", null],
  ];
  for (const [text, code] of cases) assert.equal(findPaperLinks(text).code, code, text);
});

test("a source-code host wins over a Hugging Face repository; the first named wins among equals", () => {
  assert.deepEqual(
    findPaperLinks("Weights: https://huggingface.co/org/model. Code: https://github.com/org/code.").code,
    "https://github.com/org/code",
  );
  assert.equal(
    findPaperLinks("Data at https://huggingface.co/datasets/org/set.").code,
    "https://huggingface.co/datasets/org/set",
  );
  assert.equal(
    findPaperLinks("at https://huggingface.co/papers/2501.00001 and huggingface.co/inceptionai.").code,
    null,
  );
  assert.equal(
    findPaperLinks("abstract: https://github.com/a/one", "comments: https://github.com/a/two").code,
    "https://github.com/a/one",
  );
});

test("project pages: a static-site host, or a link introduced as the project's page", () => {
  const cases: [string, string | null][] = [
    ["Project page: https://claw-bench.com", "https://claw-bench.com/"],
    ["Results at https://luxremix.github.io.", "https://luxremix.github.io/"],
    ["Our website: https://crfm.stanford.edu/fmti/index.html", "https://crfm.stanford.edu/fmti/index.html"],
    ["Project page : https://www.idiap.\nch/paper/x.", "https://www.idiap.ch/paper/x"],
    ["Data from https://www.kaggle.com/datasets/x and https://example.org/benchmark.", null],
    ["Project page: https://arxiv.org/abs/2501.00001", null],
    ["Project page: https://github.com/org", null],
    ["Video: https://www.youtube.com/watch?v=1", null],
    ["Contact: someone@example.github.io", null],
  ];
  for (const [text, project] of cases) assert.equal(findPaperLinks(text).project, project, text);
});

test("URL spans leave out closing punctuation and brackets opened before them", () => {
  const text = "See (https://a.example/x_(y)) and https://b.example/p?q=1, then www.c.example.";
  assert.deepEqual(
    urlSpans(text).map((s) => text.slice(s.start, s.end)),
    ["https://a.example/x_(y)", "https://b.example/p?q=1", "www.c.example"],
  );
  assert.deepEqual(urlSpans("javascript:alert(1) data:text/html,x"), []);
});

test("codeRepository canonicalises and refuses what is not one repository", () => {
  assert.equal(codeRepository("http://www.github.com/A/B.git/"), "https://github.com/A/B");
  assert.equal(codeRepository("https://github.com/A/B/issues/3"), "https://github.com/A/B");
  assert.equal(codeRepository("https://github.com/A"), null);
  assert.equal(codeRepository("https://example.com/A/B"), null);
  assert.equal(codeRepository("https://hf.co/spaces/o/demo"), "https://huggingface.co/spaces/o/demo");
});

test("finding links never throws and only returns http(s) links on their hosts' terms", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (a, b) => {
      const { code, project } = findPaperLinks(`${a} https://github.com/${b}`, unwrapTexUrls(b));
      for (const u of [code, project]) if (u) assert.match(u, /^https:\/\/|^http:\/\//);
      if (code) assert.ok(codeRepository(code) !== null);
    }),
  );
});
