// What check.mjs checks in each parsed file (hcl2json's JSON): that every block type, resource and data
// source type, argument and nested block name is one Terraform or the google provider accepts, that
// required ones are there, and that blocks and arguments are written as such.
// A schema node is { arguments: [names], blocks: { name: node }, required: [names], labeled?: { name: node } }
// (labeled: blocks with one label, like provisioner "local-exec"); { any: true } accepts anything.
import { didYouMean, Locator } from "./locate.mjs";

const ANY = { any: true };
const node = (args, blocks = {}, more = {}) => ({ arguments: args, blocks, required: [], ...more });
const CONDITION = node(["condition", "error_message"], {}, { required: ["condition", "error_message"] });
const META_ARGUMENTS = ["count", "for_each", "depends_on", "provider"];

// Terraform's own names, accepted beside the provider's in every resource and data block.
const RESOURCE_META = node(META_ARGUMENTS, {
  lifecycle: node(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"],
    { precondition: CONDITION, postcondition: CONDITION }),
  connection: ANY,
}, { labeled: { provisioner: ANY } });
const DATA_META = node(META_ARGUMENTS, { lifecycle: node([], { precondition: CONDITION, postcondition: CONDITION }) });
const DYNAMIC = node(["for_each", "iterator", "labels"], { content: ANY }, { required: ["for_each", "content"] });

const BUILTIN_RESOURCES = { terraform_data: node(["input", "triggers_replace"]) };
const PROVIDER_NAMES = ["google", "google-beta"];
const PROVIDER_META = node(["alias", "version"]);

// Top-level block types: how many labels each takes and what its body may hold (resource, data and
// provider bodies come from the provider schema instead).
const TOP_LEVEL = {
  terraform: { labels: 0, spec: node(["required_version", "experiments"], { required_providers: ANY, cloud: ANY },
    { labeled: { backend: ANY, provider_meta: ANY } }) },
  provider: { labels: 1 },
  variable: { labels: 1, spec: node(["type", "default", "description", "sensitive", "nullable", "ephemeral"], { validation: CONDITION }) },
  output: { labels: 1, spec: node(["value", "description", "sensitive", "depends_on", "ephemeral"], { precondition: CONDITION }, { required: ["value"] }) },
  locals: { labels: 0, spec: ANY },
  module: { labels: 1, spec: ANY }, // its arguments are the called module's variables
  resource: { labels: 2 },
  data: { labels: 2 },
  moved: { labels: 0, spec: node(["from", "to"], {}, { required: ["from", "to"] }) },
  import: { labels: 0, spec: node(["to", "id", "identity", "provider", "for_each"], {}, { required: ["to"] }) },
  removed: { labels: 0, spec: node(["from"], { lifecycle: node(["destroy"]), connection: ANY }, { required: ["from"], labeled: { provisioner: ANY } }) },
  check: { labels: 1 },
};

/**
 * Checks the parsed files of one directory (one Terraform module): { file: json } with their texts.
 * Returns problems [{ file, line, message }] in file and line order.
 */
export function checkFiles(files, sources, schema) {
  const problems = [];
  const declared = new Map(); // "resource google_x.n" → where it was first declared, per directory
  for (const [file, json] of Object.entries(files)) {
    const locator = new Locator(sources[file]);
    const report = (line, message) => problems.push({ file, line, message });
    const declare = (line, address) => {
      const key = `${file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "."}\0${address}`;
      if (declared.has(key)) report(line, `${address}: declared again (first at ${declared.get(key)})`);
      else declared.set(key, `${file}:${line}`);
    };
    new FileChecker(schema, locator, report, declare).check(json);
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

class FileChecker {
  constructor(schema, locator, report, declare) {
    Object.assign(this, { schema, locator, report, declare });
  }

  check(json) {
    for (const [kind, value] of Object.entries(json)) {
      const top = TOP_LEVEL[kind];
      if (!top) {
        this.report(this.locator.name(1, kind), `unknown block type "${kind}"${didYouMean(kind, Object.keys(TOP_LEVEL))}`);
        continue;
      }
      for (const { labels, body, index } of this.instances(value, top.labels, kind, 1)) {
        const line = this.locator.block(1, kind, labels, index);
        const where = top.labels === 2 ? `${kind} ${labels.join(".")}` : [kind, ...labels.map((l) => `"${l}"`)].join(" ");
        if (["resource", "data", "variable", "output"].includes(kind)) this.declare(line, where);
        if (kind === "resource" || kind === "data") this.checkResource(kind, labels, body, line);
        else if (kind === "provider") this.checkProvider(labels[0], body, line);
        else if (kind === "check") this.checkCheck(labels[0], body, line);
        else this.body(body, top.spec, null, { where, path: [], line });
      }
    }
  }

  checkResource(kind, [type, name], body, line) {
    const where = `${kind} ${type}.${name}`;
    const known = kind === "resource" ? { ...this.schema.resources, ...BUILTIN_RESOURCES } : this.schema.data_sources;
    const spec = known[type];
    if (!spec) {
      const what = kind === "resource" ? "resource type" : "data source type";
      this.report(line, `${where}: unknown ${what} "${type}"${didYouMean(type, Object.keys(known))}`);
      return;
    }
    this.body(body, spec, kind === "resource" ? RESOURCE_META : DATA_META, { where, path: [], line });
  }

  checkProvider(name, body, line) {
    if (!PROVIDER_NAMES.includes(name)) {
      this.report(line, `provider "${name}": unknown provider (this check knows ${PROVIDER_NAMES.join(" and ")})`);
      return;
    }
    this.body(body, this.schema.provider, PROVIDER_META, { where: `provider "${name}"`, path: [], line });
  }

  checkCheck(name, body, line) {
    const where = `check "${name}"`;
    this.body(body, node([], { assert: CONDITION }), null, { where, path: [], line }, ["data"]);
    for (const { labels, body: data, index } of this.instances(body.data ?? {}, 2, "data", line)) {
      this.checkResource("data", labels, data, this.locator.block(line, "data", labels, index));
    }
  }

  /** Checks one block body against spec (plus meta, Terraform's names); `skip` lists keys checked elsewhere. */
  body(body, spec, meta, at, skip = []) {
    if (spec.any) return;
    const blocks = { ...meta?.blocks, ...spec.blocks };
    const labeled = { ...meta?.labeled, ...spec.labeled };
    const args = new Set([...(meta?.arguments ?? []), ...spec.arguments]);
    const names = [...args, ...Object.keys(blocks), ...Object.keys(labeled)];
    const generated = new Set();
    for (const [key, value] of Object.entries(body)) {
      if (skip.includes(key)) continue;
      if (key === "dynamic" && !args.has(key) && isPlainObject(value)) {
        for (const [name, dynamics] of Object.entries(value)) {
          generated.add(name);
          this.dynamic(name, dynamics, spec, at);
        }
      } else if (labeled[key]) {
        for (const { labels, body: inner, index } of this.instances(value, 1, key, at.line)) {
          this.body(inner, labeled[key], null, this.inside(at, key, labels, index));
        }
      } else if (blocks[key]) {
        if (isBlockList(value)) value.forEach((inner, i) => this.body(inner, blocks[key], null, this.inside(at, key, [], i)));
        else if (isPlainObject(value)) this.problem(at, this.locator.argument(at.line, key), `"${key}" is a block, not an argument: write ${key} { ... }`);
      } else if (args.has(key)) {
        if (isBlockList(value)) this.problem(at, this.locator.block(at.line, key), `"${key}" is an argument, not a block: write ${key} = ...`);
      } else {
        const what = isBlockList(value) ? "block type" : "argument";
        this.problem(at, this.locator.name(at.line, key), `unknown ${what} "${key}"`, didYouMean(key, names));
      }
    }
    for (const name of spec.required ?? []) {
      if (!(name in body) && !generated.has(name)) {
        this.problem(at, at.line, `missing required ${spec.blocks[name] ? "block" : "argument"} "${name}"`);
      }
    }
  }

  /** dynamic "name" { for_each, iterator, labels, content { ... } }: content is a `name` block. */
  dynamic(name, dynamics, spec, at) {
    if (!isBlockList(dynamics)) return;
    dynamics.forEach((dynamic, i) => {
      const here = this.inside(at, "dynamic", [name], i);
      this.body(dynamic, DYNAMIC, null, here);
      if (!spec.blocks[name]) {
        const hint = didYouMean(name, Object.keys(spec.blocks));
        const what = spec.arguments.includes(name) ? `"${name}" is an argument, not a block, so dynamic cannot set it` : "unknown block type";
        this.problem(at, here.line, `dynamic "${name}": ${what}`, hint);
        return;
      }
      const content = this.locator.block(here.line, "content");
      for (const inner of isBlockList(dynamic.content) ? dynamic.content : []) {
        this.body(inner, spec.blocks[name], null, { ...at, path: [...at.path, name], line: content });
      }
    });
  }

  /** Each block of `kind` in value: hcl2json nests a block with n labels n objects deep, then an array of bodies. */
  instances(value, labelCount, kind, from) {
    const found = [];
    const walk = (v, labels) => {
      if (labels.length === labelCount && isBlockList(v)) v.forEach((body, index) => found.push({ labels, body, index }));
      else if (labels.length < labelCount && isPlainObject(v)) for (const [label, inner] of Object.entries(v)) walk(inner, [...labels, label]);
      else {
        const line = this.locator.block(from, kind, labels);
        this.report(line, `${[kind, ...labels.map((l) => `"${l}"`)].join(" ")}: a ${kind} block takes ${labelCount} label(s)`);
      }
    };
    walk(value, []);
    return found;
  }

  inside(at, key, labels, index) {
    return { ...at, path: [...at.path, key === "dynamic" ? `dynamic "${labels[0]}"` : key], line: this.locator.block(at.line, key, labels, index) };
  }

  problem(at, line, what, hint = "") {
    const inPath = at.path.length ? ` in ${at.path.join(".")}` : "";
    this.report(line, `${at.where}: ${what}${inPath}${hint}`);
  }
}

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** How hcl2json writes blocks: an array of bodies (an argument's list of objects looks the same). */
function isBlockList(v) {
  return Array.isArray(v) && v.length > 0 && v.every(isPlainObject);
}
