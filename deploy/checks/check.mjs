#!/usr/bin/env node
// Offline checks of the deployment files (docs/deployment.md, "Checks"): every Kubernetes overlay renders with
// kustomize and its objects validate (built-ins against the Kubernetes schemas of kubernetes-models, Strimzi and
// KEDA resources by their required fields); docker-compose.yml fits the Compose schema and references only
// variables, images and files that exist; ports, image names, topics and config keys agree between compose,
// Kubernetes and the services' application.properties.
//
//   node deploy/checks/check.mjs [project-root]      (exit 1 and a list of problems if any check fails)
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkComposeReferences, checkComposeSchema } from "./lib/compose.mjs";
import { checkAnalyzerScaling, checkGrafana, checkService, checkTopics } from "./lib/consistency.mjs";
import { checkCustomResources, checkReferences, checkWorkloads, validateBuiltIns } from "./lib/kubernetes.mjs";
import { SERVICES, composeFile, overlayNames, render } from "./lib/project.mjs";

const GUIDE = "docs/deployment.md";

/**
 * Runs every check on the project at `root`. Returns [{check, problems}] in order; a check that cannot run at all
 * (a file missing, kustomize failing) reports that as its problem.
 */
export async function runChecks(root) {
  const results = [];
  const run = async (check, body) => {
    try {
      results.push({ check, problems: await body() });
    } catch (e) {
      results.push({ check, problems: [e.message] });
    }
  };

  const overlays = new Map();
  let base = [];
  await run("k8s/base renders", () => {
    base = render(join(root, "k8s/base"));
    return [];
  });
  for (const overlay of overlayNames(root)) {
    await run(`k8s/overlays/${overlay} renders`, () => {
      overlays.set(overlay, render(join(root, "k8s/overlays", overlay)));
      return [];
    });
  }
  const guide = existsSync(join(root, GUIDE)) ? readFileSync(join(root, GUIDE), "utf8") : "";
  for (const [overlay, objects] of overlays) {
    const prefix = (problems) => problems.map((p) => `k8s/overlays/${overlay}: ${p}`);
    await run(`k8s/overlays/${overlay}: objects validate against the Kubernetes schemas`,
      async () => prefix(await validateBuiltIns(objects)));
    await run(`k8s/overlays/${overlay}: Strimzi and KEDA resources complete and consistent`,
      () => prefix(checkCustomResources(objects)));
    await run(`k8s/overlays/${overlay}: pod security, resources, health probes`, () => prefix(checkWorkloads(objects)));
    await run(`k8s/overlays/${overlay}: references (ConfigMaps, Secrets, Services, Ingress)`,
      () => prefix(checkReferences(objects, guide)));
  }

  let compose;
  await run("docker-compose.yml parses and fits the Compose schema", () => {
    compose = composeFile(root);
    return checkComposeSchema(compose);
  });
  if (compose) {
    await run("docker-compose.yml references existing variables, images and files",
      () => checkComposeReferences(root, compose));
    for (const service of SERVICES) {
      await run(`${service}: port, image and config keys agree (application.properties, compose, k8s)`,
        () => checkService(root, service, compose, overlays));
    }
  }
  await run("topics agree (Topics.java, deploy/kafka/topics, KafkaTopics, application.properties)",
    () => checkTopics(root, base, overlays));
  await run("KEDA scales the analyzer on its real consumer group and topic", () => checkAnalyzerScaling(root, overlays));
  await run("Grafana dashboard uses the provisioned data source", () => checkGrafana(root));
  return results;
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "../.."));
  const results = await runChecks(root);
  let failed = 0;
  for (const { check, problems } of results) {
    console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${check}`);
    for (const problem of problems) console.log(`       ${problem}`);
    if (problems.length > 0) failed++;
  }
  console.log(`deploy-checks: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
