// Derives the google provider's configuration schema from the installed @cdktf/provider-google package,
// reading its generated files as text (nothing is require()d, so cdktf/constructs are not needed).
//   node schema.mjs   prints { provider, resources, data_sources } as JSON.
//
// How the package is laid out (one folder per resource/data source, lib/<name>/, big ones split into
// lib/<name>/index-structs/*.js):
//   - `Foo.tfResourceType = "google_foo";` and `class Foo extends cdktf.TerraformResource` (or
//     TerraformDataSource, TerraformProvider) name the Terraform type;
//   - the class's synthesizeHclAttributes() and every generated `function fooBarToHclTerraform(struct)`
//     list the settable names in snake_case, each as
//       entry_point: { value: cdktf.stringToHclTerraform(struct.entryPoint), isBlock: false, type: "simple", ... }
//     where a nested block's value calls its own struct function (fooBarBuildConfigToHclTerraform);
//   - index.d.ts declares the matching interfaces (FooConfig for the class, FooBarBuildConfig for the
//     struct function) whose fields end in `?` unless Terraform requires them.
// Computed-only attributes appear in neither, so they are absent here (setting one is an error anyway).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "node_modules/@cdktf/provider-google");

// One generated entry of an attrs object; `value` may span only its own line.
const ENTRY = /^\s*(\w+): \{\n\s*value: (.*),\n\s*isBlock: (true|false),\n\s*type: "\w+",\n\s*storageClassType: "\w+",\n\s*\},?$/gm;

/** The schema, from the cache under node_modules/.cache when it matches this package and this script. */
export function loadSchema() {
  const version = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")).version;
  const script = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 12);
  const cache = join(HERE, "node_modules/.cache/terraform-check", `google-schema-${version}-${script}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8"));
  const schema = deriveSchema(PACKAGE);
  mkdirSync(dirname(cache), { recursive: true });
  for (const old of readdirSync(dirname(cache))) {
    if (old.startsWith("google-schema-") && old.endsWith(".json")) rmSync(join(dirname(cache), old), { force: true });
  }
  writeFileSync(`${cache}.${process.pid}`, JSON.stringify(schema)); // renamed: a parallel run never reads half a file
  renameSync(`${cache}.${process.pid}`, cache);
  return schema;
}

export function deriveSchema(packageDir) {
  const schema = { provider_version: providerVersion(packageDir), provider: null, resources: {}, data_sources: {} };
  const lib = join(packageDir, "lib");
  for (const name of readdirSync(lib).sort()) {
    if (!existsSync(join(lib, name, "index.js"))) continue;
    const js = readTree(join(lib, name), ".js");
    const found = /^(\w+)\.tfResourceType = "([^"]+)";$/m.exec(js);
    if (!found) continue;
    const [, className, type] = found;
    const kind = new RegExp(`^class ${className} extends cdktf\\.(\\w+)`, "m").exec(js)?.[1];
    const node = describe(js, readTree(join(lib, name), ".d.ts"), className);
    if (kind === "TerraformResource") schema.resources[type] = node;
    else if (kind === "TerraformDataSource") schema.data_sources[type] = node;
    else if (kind === "TerraformProvider") schema.provider = node;
    else throw new Error(`lib/${name}: ${className} extends ${kind}, expected a Terraform resource, data source or provider`);
  }
  if (!schema.provider || Object.keys(schema.resources).length < 100) {
    throw new Error(`${packageDir}: unexpected layout (provider ${!!schema.provider}, ${Object.keys(schema.resources).length} resources)`);
  }
  return schema;
}

/** { arguments, blocks: { name: node }, required } for the class, following nested struct functions. */
function describe(js, dts, className) {
  const structs = new Map();
  for (const [, fn, body] of js.matchAll(/^function (\w+)ToHclTerraform\(struct\) \{\n([\s\S]*?)\n\}$/gm)) structs.set(fn, body);
  const classBody = new RegExp(`^class ${className} extends[\\s\\S]*?\\n    synthesizeHclAttributes\\(\\) \\{\\n([\\s\\S]*?)\\n    \\}$`, "m").exec(js);
  if (!classBody) throw new Error(`${className}: no synthesizeHclAttributes()`);
  const fields = interfaces(dts);

  const build = (body, interfaceName, depth) => {
    if (depth > 20) throw new Error(`${className}: blocks nested deeper than 20 at ${interfaceName}`);
    const optional = fields.get(interfaceName) ?? new Map();
    const node = { arguments: [], blocks: {}, required: [] };
    for (const [, name, value, isBlock] of body.matchAll(ENTRY)) {
      const camel = /(?:struct\.|this\._)(\w+)/.exec(value)?.[1];
      if (isBlock === "true") {
        const fn = /(?<!cdktf\.)\b([a-z]\w*)ToHclTerraform\b/.exec(value)?.[1];
        node.blocks[name] = fn && structs.has(fn)
          ? build(structs.get(fn), fn[0].toUpperCase() + fn.slice(1), depth + 1)
          : { any: true }; // no struct function to read (none in 16.12.1): accept anything inside
      } else {
        node.arguments.push(name);
      }
      if (optional.get(camel) === false) node.required.push(name);
    }
    return node;
  };
  return build(classBody[1], `${className}Config`, 0);
}

/** interface name → Map(field → optional?) from the .d.ts text. */
function interfaces(dts) {
  const result = new Map();
  for (const [, name, body] of dts.matchAll(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)\n\}$/gm)) {
    const fields = new Map();
    for (const [, field, optional] of body.matchAll(/^ {4}readonly (\w+)(\??):/gm)) fields.set(field, optional === "?");
    result.set(name, fields);
  }
  return result;
}

/** All files ending in ext under dir, concatenated, without their inline source maps. */
function readTree(dir, ext) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !(ext === ".js" && e.name.endsWith(".d.ts")))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort()
    .map((file) => readFileSync(file, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, ""))
    .join("\n");
}

function providerVersion(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  return { package: `${pkg.name}@${pkg.version}`, google: pkg.cdktf?.provider?.version ?? null };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(JSON.stringify(loadSchema(), null, 2));
  } catch (e) {
    console.error(`schema.mjs: ${e.message ?? e}`);
    process.exit(2);
  }
}
