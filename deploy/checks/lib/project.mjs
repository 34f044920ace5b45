// What the deployment files must agree with, read from the project itself: the services' application.properties,
// the topic names of shared-schemas' Topics.java, deploy/kafka/topics, .env.example, and the rendered overlays.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

/** The three Quarkus services: Maven module = compose service = Kubernetes Deployment/Service = image name. */
export const SERVICES = ["trainer-service", "analyzer-service", "dashboard-service"];

export const TOPICS_JAVA = "shared-schemas/src/main/java/org/descentobservatory/schemas/Topics.java";
export const TOPICS_FILE = "deploy/kafka/topics";
export const COMPOSE_FILE = "docker-compose.yml";
export const ENV_EXAMPLE = ".env.example";
export const OVERLAYS_DIR = "k8s/overlays";

/** Parses a .properties file (the subset Quarkus' application.properties use: key=value, # comments). */
export function parseProperties(text) {
  const properties = new Map();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const at = line.search(/[=:]/);
    if (at < 0) continue;
    properties.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return properties;
}

/** application.properties of a service module, without profile-specific (%test.) keys. */
export function serviceProperties(root, service) {
  const file = join(root, service, "src/main/resources/application.properties");
  const all = parseProperties(readFileSync(file, "utf8"));
  return new Map([...all].filter(([key]) => !key.startsWith("%")));
}

/** Every topic name Topics.java declares as a String constant. */
export function javaTopics(root) {
  const source = readFileSync(join(root, TOPICS_JAVA), "utf8");
  return [...source.matchAll(/static\s+final\s+String\s+\w+\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
}

/** deploy/kafka/topics as [{name, partitions, retentionMs}]. */
export function topicsFile(root) {
  return readFileSync(join(root, TOPICS_FILE), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [name, partitions, retentionMs] = line.split(/\s+/);
      return { name, partitions: Number(partitions), retentionMs: Number(retentionMs) };
    });
}

/** Variable names a .env file defines. */
export function envFileNames(root, file = ENV_EXAMPLE) {
  const path = join(root, file);
  if (!existsSync(path)) return new Set();
  return new Set(
    readFileSync(path, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => line.split("=")[0].replace(/^export\s+/, "").trim()),
  );
}

/** The compose file, parsed. */
export function composeFile(root) {
  return yaml.load(readFileSync(join(root, COMPOSE_FILE), "utf8"));
}

/**
 * The command that renders a kustomization: `kubectl kustomize` (kubectl bundles kustomize) or a standalone
 * `kustomize build`. Throws with what to install when neither is on the PATH.
 */
export function kustomizeCommand() {
  const candidates = [
    ["kubectl", ["kustomize"], ["version", "--client"]],
    ["kustomize", ["build"], ["version"]],
  ];
  for (const [tool, args, probe] of candidates) {
    try {
      execFileSync(tool, probe, { stdio: "ignore" });
      return [tool, args];
    } catch {
      // not installed: try the next one
    }
  }
  throw new Error(
    "Neither kubectl nor kustomize is on the PATH: install kubectl (https://kubernetes.io/docs/tasks/tools/) " +
      "or a kustomize binary to render k8s/overlays.",
  );
}

/** Renders one kustomization directory; returns its objects. Throws with kustomize's message if it fails. */
export function render(dir) {
  const [tool, args] = kustomizeCommand();
  let output;
  try {
    output = execFileSync(tool, [...args, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    throw new Error(`${tool} ${args.join(" ")} ${dir} failed: ${(e.stderr || e.message).trim()}`);
  }
  return yaml.loadAll(output).filter((doc) => doc != null);
}

/** The overlay directories under k8s/overlays. */
export function overlayNames(root) {
  return readdirSync(join(root, OVERLAYS_DIR), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
