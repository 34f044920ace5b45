// Every check of check.mjs passes on the project and fails on a copy broken in the one way it guards against.
// Run: node --test deploy/checks/test/   (bin/test does)
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runChecks } from "../check.mjs";
import { checkComposeReferences, checkComposeSchema } from "../lib/compose.mjs";
import { checkAnalyzerScaling, checkGrafana, checkService, checkTopics } from "../lib/consistency.mjs";
import { checkCustomResources, checkReferences, checkWorkloads, validateBuiltIns } from "../lib/kubernetes.mjs";
import { SERVICES, TOPICS_JAVA, composeFile, render } from "../lib/project.mjs";

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** What the checks read: deployment files, the services' application.properties and Topics.java. */
const COPIED = [
  "k8s", "deploy/kafka", "deploy/minio", "deploy/prometheus", "deploy/grafana", "docker", "docs/deployment.md",
  "docker-compose.yml", ".env.example", ".gitignore", TOPICS_JAVA,
  ...SERVICES.map((s) => `${s}/src/main/resources/application.properties`),
];

const copies = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the checked files in a fresh directory, with `edits` applied: [file, from, to], each `from` present. */
function brokenCopy(...edits) {
  const root = mkdtempSync(join(tmpdir(), "deploy-checks-"));
  copies.push(root);
  for (const path of COPIED) cpSync(join(PROJECT, path), join(root, path), { recursive: true });
  for (const [file, from, to] of edits) {
    const text = readFileSync(join(root, file), "utf8");
    assert.ok(text.includes(from), `test setup: ${file} no longer contains ${JSON.stringify(from)}`);
    writeFileSync(join(root, file), text.replace(from, to));
  }
  return root;
}

const overlay = (root, name) => render(join(root, "k8s/overlays", name));
const overlays = (root) => new Map([["local", overlay(root, "local")], ["production", overlay(root, "production")]]);
const base = (root) => render(join(root, "k8s/base"));

/** Asserts that some problem matches `pattern` (and so that the check can fail). */
function assertFlags(problems, pattern) {
  assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join("\n")}`);
}

describe("the project as committed", () => {
  test("passes every check", async () => {
    const failed = (await runChecks(PROJECT)).filter((r) => r.problems.length > 0);
    assert.deepEqual(failed, []);
  });
});

describe("kubernetes overlays", () => {
  test("an overlay that does not render is reported with kustomize's message", async () => {
    const root = brokenCopy(["k8s/overlays/local/kustomization.yaml", "- ../../base", "- ../../no-such-base"]);
    const results = await runChecks(root);
    const renders = results.find((r) => r.check === "k8s/overlays/local renders");
    assertFlags(renders.problems, /no-such-base/);
  });

  test("a missing kustomize is reported with what to install", () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      assert.throws(() => render(join(PROJECT, "k8s/base")), /Neither kubectl nor kustomize is on the PATH/);
    } finally {
      process.env.PATH = path;
    }
  });

  test("a field of the wrong type fails the Kubernetes schema", async () => {
    const root = brokenCopy(["k8s/base/trainer/deployment.yaml", "containerPort: 8081", 'containerPort: "8081"']);
    assertFlags(await validateBuiltIns(overlay(root, "local")), /Deployment\/trainer-service: .*containerPort/);
  });

  test("a KafkaTopic without partitions is incomplete", () => {
    const root = brokenCopy(["k8s/base/kafka/topics.yaml", "  partitions: 1\n", ""]);
    assertFlags(checkCustomResources(overlay(root, "local")), /KafkaTopic\/observatory-dead-letter: spec.partitions/);
  });

  test("a topic with more replicas than brokers is refused", () => {
    const root = brokenCopy(["k8s/overlays/production/kafka-cluster.yaml", "replicas: 3", "replicas: 2"]);
    assertFlags(checkCustomResources(overlay(root, "production")), /3 replicas but cluster observatory has 2 broker/);
  });

  test("more analyzers than checkpoint partitions are refused", () => {
    const root = brokenCopy(["k8s/overlays/production/kustomization.yaml", "value: 12\n  - target: {kind: StatefulSet",
      "value: 24\n  - target: {kind: StatefulSet"]);
    assertFlags(checkCustomResources(overlay(root, "production")), /maxReplicaCount 24 exceeds the 12 partitions/);
  });

  test("a ScaledObject aimed at no Deployment is refused", () => {
    const root = brokenCopy(["k8s/base/analyzer/scaledobject.yaml", "name: analyzer-service\n  minReplicaCount",
      "name: analyser-service\n  minReplicaCount"]);
    assertFlags(checkCustomResources(overlay(root, "local")), /scaleTargetRef.name names no Deployment/);
  });

  test("a replica count on the Deployment KEDA scales is refused", () => {
    const root = brokenCopy(["k8s/base/analyzer/deployment.yaml", "spec:\n  # No replicas field", "spec:\n  replicas: 2\n  # No replicas field"]);
    assertFlags(checkCustomResources(overlay(root, "local")), /Deployment\/analyzer-service: sets spec.replicas although ScaledObject/);
  });

  test("a writable root filesystem is refused", () => {
    const root = brokenCopy(["k8s/base/security/restricted-pod.yaml", "readOnlyRootFilesystem: true",
      "readOnlyRootFilesystem: false"]);
    assertFlags(checkWorkloads(overlay(root, "local")), /Deployment\/trainer-service container .*readOnlyRootFilesystem/);
  });

  test("a readiness probe off /q/health/ready is refused", () => {
    const root = brokenCopy(["k8s/base/analyzer/deployment.yaml", "path: /q/health/ready", "path: /q/health"]);
    assertFlags(checkWorkloads(overlay(root, "local")), /analyzer-service.*readinessProbe/);
  });

  test("a container without a memory limit is refused", () => {
    const root = brokenCopy(["k8s/base/dashboard/deployment.yaml", "limits: {memory: 512Mi}", "limits: {}"]);
    assertFlags(checkWorkloads(overlay(root, "local")), /dashboard-service.*resources/);
  });

  test("an embedded Secret is refused", () => {
    const root = brokenCopy(["k8s/base/config/observatory-config.yaml", "apiVersion: v1\nkind: ConfigMap",
      "apiVersion: v1\nkind: Secret\nmetadata: {name: leaked}\nstringData: {secret-key: hunter2}\n---\n" +
      "apiVersion: v1\nkind: ConfigMap"]);
    const guide = readFileSync(join(root, "docs/deployment.md"), "utf8");
    assertFlags(checkReferences(overlay(root, "local"), guide), /Secret with data is embedded/);
  });

  test("a Secret the guide does not tell how to create is refused", () => {
    const guide = readFileSync(join(PROJECT, "docs/deployment.md"), "utf8").replaceAll("minio-root-credentials", "x");
    assertFlags(checkReferences(overlay(PROJECT, "local"), guide), /Secret minio-root-credentials/);
  });

  test("a Service selecting no pod is refused", () => {
    const root = brokenCopy(["k8s/base/dashboard/service.yaml", "app.kubernetes.io/name: dashboard-service",
      "app.kubernetes.io/name: dashboard"]);
    const guide = readFileSync(join(root, "docs/deployment.md"), "utf8");
    assertFlags(checkReferences(overlay(root, "local"), guide), /Service\/dashboard-service: its selector matches no pod/);
  });

  test("an Ingress pointing at a port its Service lacks is refused", () => {
    const root = brokenCopy(["k8s/base/dashboard/ingress.yaml", "name: http", "name: web"]);
    const guide = readFileSync(join(root, "docs/deployment.md"), "utf8");
    assertFlags(checkReferences(overlay(root, "local"), guide), /Ingress\/dashboard: Service dashboard-service has no port web/);
  });
});

describe("docker compose", () => {
  test("a misspelt key fails the Compose schema", () => {
    const root = brokenCopy(["docker-compose.yml", "    mem_limit: 512m\n    restart", "    mem_limt: 512m\n    restart"]);
    assertFlags(checkComposeSchema(composeFile(root)), /mem_limt/);
  });

  test("a variable missing from .env.example is refused", () => {
    const root = brokenCopy(["docker-compose.yml", "${GRAFANA_PORT:-3000}", "${GRAFANA_HOST_PORT:-3000}"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /GRAFANA_HOST_PORT.*not defined in .env.example/);
  });

  test("a bind mount of a missing file is refused", () => {
    const root = brokenCopy(["docker-compose.yml", "./deploy/prometheus/prometheus.yml", "./deploy/prometheus/prom.yml"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /bind mount source .*prom.yml does not exist/);
  });

  test("an unpinned image is refused", () => {
    const root = brokenCopy(["docker-compose.yml", "prom/prometheus:v3.5.0", "prom/prometheus"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /service prometheus: image prom\/prometheus must have a pinned tag/);
  });

  test("a missing Dockerfile is refused", () => {
    const root = brokenCopy(["docker-compose.yml", "dockerfile: docker/Dockerfile.jvm", "dockerfile: docker/Dockerfile"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /Dockerfile docker\/Dockerfile does not exist/);
  });

  test("a build arg the Dockerfile does not declare is refused", () => {
    const root = brokenCopy(["docker/Dockerfile.jvm", "ARG HTTP_PORT", "ARG PORT"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /build arg HTTP_PORT is no ARG of docker\/Dockerfile.jvm/);
  });

  test("a real-looking secret in .env.example is refused", () => {
    const root = brokenCopy([".env.example", "GRAFANA_ADMIN_PASSWORD=set-me-grafana-password", "GRAFANA_ADMIN_PASSWORD=Tr0ub4dor"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /GRAFANA_ADMIN_PASSWORD must be a placeholder/);
  });

  test(".env not ignored by git is refused", () => {
    const root = brokenCopy([".gitignore", "\n.env\n", "\n"]);
    assertFlags(checkComposeReferences(root, composeFile(root)), /\.gitignore must list \.env/);
  });
});

describe("agreement between compose, kubernetes and the services", () => {
  test("a service port changed only in application.properties is flagged everywhere", () => {
    const root = brokenCopy(["trainer-service/src/main/resources/application.properties", "quarkus.http.port=8081",
      "quarkus.http.port=8091"]);
    const problems = checkService(root, "trainer-service", composeFile(root), overlays(root));
    assertFlags(problems, /build arg HTTP_PORT 8081 != quarkus.http.port 8091/);
    assertFlags(problems, /k8s\/overlays\/production Deployment\/trainer-service: no containerPort 8091/);
    assertFlags(problems, /prometheus.yml: no scrape target trainer-service:8091/);
  });

  test("an image renamed in one overlay is flagged", () => {
    const root = brokenCopy(["k8s/overlays/production/kustomization.yaml",
      "newName: registry.example.com/descent-observatory/analyzer-service",
      "newName: registry.example.com/observatory/analyzer"]);
    assertFlags(checkService(root, "analyzer-service", composeFile(root), overlays(root)),
      /production Deployment\/analyzer-service: image .* is not <registry>\/descent-observatory\/analyzer-service/);
  });

  test("an image tag that differs between compose and kubernetes is flagged", () => {
    const root = brokenCopy([".env.example", "OBSERVATORY_VERSION=0.1.0", "OBSERVATORY_VERSION=0.2.0"]);
    assertFlags(checkService(root, "dashboard-service", composeFile(root), overlays(root)), /image tag 0.1.0 != compose's 0.2.0/);
  });

  test("an environment variable naming no configuration key is flagged", () => {
    const root = brokenCopy(["docker-compose.yml", "OBSERVATORY_STORE_ENDPOINT: http://minio:9000",
      "OBSERVATORY_STORE_ENDPIONT: http://minio:9000"]);
    assertFlags(checkService(root, "trainer-service", composeFile(root), overlays(root)),
      /OBSERVATORY_STORE_ENDPIONT matches no key/);
  });

  test("a topic added to Topics.java but not deployed is flagged", () => {
    const root = brokenCopy([TOPICS_JAVA, "public static final String ANALYSES",
      'public static final String SWEEPS = "observatory.sweeps";\n    public static final String ANALYSES']);
    const problems = checkTopics(root, base(root), overlays(root));
    assertFlags(problems, /deploy\/kafka\/topics lists .* but .*Topics.java declares .*observatory.sweeps/);
    assertFlags(problems, /k8s\/overlays\/local: KafkaTopics .* but .*Topics.java declares/);
  });

  test("partition counts that differ between compose and the k8s base are flagged", () => {
    const root = brokenCopy(["deploy/kafka/topics", "observatory.checkpoints 3", "observatory.checkpoints 6"]);
    assertFlags(checkTopics(root, base(root), overlays(root)), /KafkaTopic observatory.checkpoints: 3 partitions, deploy\/kafka\/topics says 6/);
  });

  test("a retention that differs between compose and the k8s base is flagged", () => {
    const root = brokenCopy(["deploy/kafka/topics", "observatory.analyses 3 -1", "observatory.analyses 3 604800000"]);
    assertFlags(checkTopics(root, base(root), overlays(root)), /KafkaTopic observatory.analyses: retention.ms -1, .* says 604800000/);
  });

  test("KEDA watching another consumer group than the analyzer's is flagged", () => {
    const root = brokenCopy(["analyzer-service/src/main/resources/application.properties",
      "group.id=analyzer-service", "group.id=analyzer"]);
    assertFlags(checkAnalyzerScaling(root, overlays(root)), /consumerGroup analyzer-service != analyzer's group.id analyzer/);
  });

  test("a dashboard panel on an unprovisioned data source is flagged", () => {
    const root = brokenCopy(["deploy/grafana/provisioning/datasources/prometheus.yml", "uid: observatory-prometheus", "uid: prom"]);
    assertFlags(checkGrafana(root), /data source observatory-prometheus is not provisioned/);
  });
});
