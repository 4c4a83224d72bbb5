// The editor's page: check the text, show its findings in place, accept fixes, download the result.
// Everything from the article or a finding reaches the page as text nodes (textContent), never as markup.
// Offsets from the server are code points; JavaScript strings count UTF-16 units, so the text is
// handled as an array of code points (Array.from) wherever offsets are used.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SEVERITY = { error: 3, warning: 2, info: 1 };
  let checked = null;      // {text, file} of the last check
  let fileName = "article.txt";

  function headers() {
    const h = { "Content-Type": "application/json" };
    const token = $("token").value.trim();
    if (token) h.Authorization = "Bearer " + token;
    return h;
  }

  function say(message, isError) {
    $("status").textContent = message;
    $("status").className = isError ? "error" : "";
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || ("the server answered " + response.status));
    }
    return data;
  }

  async function check() {
    const text = $("input").value;
    say("Checking…");
    try {
      const file = await post("/v1/check", { text: text, id: fileName });
      checked = { text: text, file: file };
      render();
      const n = file.findings.length;
      say("Score " + file.score + " (" + (file.passed ? "passes" : "fails") + " the gate), " + n +
          (n === 1 ? " finding" : " findings") + ", " + file.words + " words.");
    } catch (e) {
      say("Check failed: " + e.message, true);
    }
    $("download").disabled = false;
  }

  function worst(findings) {
    let best = "info";
    for (const f of findings) if (SEVERITY[f.severity] > SEVERITY[best]) best = f.severity;
    return best;
  }

  function render() {
    const cps = Array.from(checked.text);
    const findings = checked.file.findings;
    const article = $("article");
    article.replaceChildren();
    // Sweep the span boundaries: each piece of text gets a mark for the findings covering it.
    const points = new Set([0, cps.length]);
    findings.forEach((f) => { if (f.start !== null) { points.add(f.start); points.add(f.end); } });
    const bounds = Array.from(points).filter((p) => p >= 0 && p <= cps.length).sort((a, b) => a - b);
    const starting = new Map();
    findings.forEach((f, i) => {
      if (f.start === null || f.end <= f.start) return;
      if (!starting.has(f.start)) starting.set(f.start, []);
      starting.get(f.start).push(i);
    });
    let active = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const a = bounds[k], b = bounds[k + 1];
      active = active.filter((i) => findings[i].end > a).concat(starting.get(a) || []);
      const piece = cps.slice(a, b).join("");
      if (!active.length) { article.append(document.createTextNode(piece)); continue; }
      const mark = document.createElement("mark");
      const covering = active.map((i) => findings[i]);
      mark.className = worst(covering);
      mark.dataset.findings = active.join(" ");
      mark.title = covering.map((f) => f.rule + ": " + f.message).join("\n");
      mark.textContent = piece;
      mark.addEventListener("click", () => focusFinding(Number(mark.dataset.findings.split(" ")[0])));
      article.append(mark);
    }
    const list = $("findings");
    list.replaceChildren();
    findings.forEach((f, i) => list.append(item(f, i)));
    $("count").textContent = "(" + findings.length + ")";
    $("fix-safe").disabled = !findings.some((f) => f.fix && f.fix.applicability === "safe");
  }

  function item(f, i) {
    const li = document.createElement("li");
    li.id = "finding-" + i;
    li.className = f.severity;
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = f.rule + " ";
    const sev = document.createElement("span");
    sev.className = "sev";
    sev.textContent = f.severity + " ";
    const message = document.createElement("span");
    message.textContent = f.message + " ";
    li.append(code, sev, message);
    if (f.text) {
      const quote = document.createElement("span");
      quote.className = "quote";
      quote.textContent = f.text.length > 80 ? f.text.slice(0, 77) + "…" : f.text;
      li.append(quote);
    }
    if (f.suggestion) {
      const s = document.createElement("span");
      s.className = "suggestion";
      s.textContent = "suggestion: " + f.suggestion;
      li.append(s);
    }
    if (f.fix && f.fix.edits.length) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "accept";
      button.textContent = f.fix.applicability === "safe" ? "Accept fix" : "Accept fix (check it)";
      button.addEventListener("click", () => accept(f));
      li.append(document.createElement("br"), button);
    }
    li.addEventListener("click", (event) => { if (event.target.tagName !== "BUTTON") focusMark(i); });
    return li;
  }

  function focusFinding(i) {
    document.querySelectorAll(".current").forEach((e) => e.classList.remove("current"));
    const li = $("finding-" + i);
    if (li) { li.classList.add("current"); li.scrollIntoView({ block: "nearest" }); }
  }

  function focusMark(i) {
    document.querySelectorAll(".current").forEach((e) => e.classList.remove("current"));
    const marks = Array.from(document.querySelectorAll("#article mark"))
      .filter((m) => m.dataset.findings.split(" ").includes(String(i)));
    marks.forEach((m) => m.classList.add("current"));
    if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
    $("finding-" + i).classList.add("current");
  }

  function applyEdits(text, edits) {
    const cps = Array.from(text);
    const sorted = edits.slice().sort((a, b) => b.start - a.start || b.end - a.end);
    for (const e of sorted) cps.splice(e.start, e.end - e.start, ...Array.from(e.replacement));
    return cps.join("");
  }

  async function accept(f) {
    if (!checked || $("input").value !== checked.text) {
      say("The text changed since the check: check it again first.", true);
      return;
    }
    $("input").value = applyEdits(checked.text, f.fix.edits);
    await check();
  }

  async function fixSafe() {
    try {
      const fixed = await post("/v1/fix", { text: $("input").value });
      $("input").value = fixed.text;
      await check();
      say($("status").textContent + " " + fixed.applied.length + " safe fixes applied.");
    } catch (e) {
      say("Fixing failed: " + e.message, true);
    }
  }

  function download() {
    const blob = new Blob([$("input").value], { type: "text/plain;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName.replace(/(\.[^.]*)?$/, ".cleaned.txt");
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async function upload(event) {
    const file = event.target.files[0];
    if (!file) return;
    fileName = file.name;
    $("input").value = await file.text();
    await check();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("check").addEventListener("click", check);
    $("fix-safe").addEventListener("click", fixSafe);
    $("download").addEventListener("click", download);
    $("upload").addEventListener("change", upload);
  });
})();
