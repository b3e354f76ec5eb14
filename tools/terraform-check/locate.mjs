// Line numbers and suggestions for check.mjs. hcl2json's JSON has no source positions, so a name is
// located by searching the file's text for it, starting from the line of the block that contains it.

export class Locator {
  constructor(text) {
    this.lines = text.split("\n");
  }

  /** 1-based line of the nth line at or after `from` matching re; `from` when there is none. */
  find(from, re, nth = 0) {
    for (let i = Math.max(from, 1) - 1, seen = 0; i < this.lines.length; i++) {
      if (re.test(stripComment(this.lines[i])) && seen++ === nth) return i + 1;
    }
    return from;
  }

  block(from, type, labels = [], nth = 0) {
    const quoted = labels.map((l) => `\\s+"${escape(l)}"`).join("");
    return this.find(from, new RegExp(`(^|[{\\s])${escape(type)}${quoted}\\s*\\{`), nth);
  }

  argument(from, name) {
    return this.find(from, new RegExp(`(^|[{\\s])${escape(name)}\\s*=(?!=)`));
  }

  /** The line where `name` appears as an argument or a block (with or without labels). */
  name(from, name) {
    return this.find(from, new RegExp(`(^|[{\\s])${escape(name)}\\s*(=(?!=)|\\{|")`));
  }
}

/** The candidates closest to a misspelled name (ties all kept), if close enough to be a likely typo. */
export function suggest(name, candidates) {
  let best = [];
  let bestDistance = Math.max(2, Math.ceil(name.length * 0.3)) + 1; // farther than this is no typo
  for (const candidate of candidates) {
    const d = distance(name, candidate, bestDistance + 1);
    if (d < bestDistance) [best, bestDistance] = [[candidate], d];
    else if (d === bestDistance && best.length > 0) best.push(candidate);
  }
  return best;
}

export function didYouMean(name, candidates) {
  const best = suggest(name, candidates).slice(0, 3);
  return best.length ? ` (did you mean ${best.map((b) => `"${b}"`).join(" or ")}?)` : "";
}

// Levenshtein distance, giving up (returning limit) once every cell of a row reaches limit.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) >= limit) return limit;
    previous = row;
  }
  return previous[b.length];
}

function stripComment(line) {
  return line.replace(/^\s*(#|\/\/).*$/, "");
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
