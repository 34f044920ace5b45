// Checks that compose, Kubernetes and the services' own configuration tell the same story: ports, image names,
// topics, the analyzer's consumer group, and the configuration keys set through environment variables.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { envExampleValues, imageRepository, imageTag, interpolate } from "./compose.mjs";
import { COMPOSE_FILE, SERVICES, TOPICS_FILE, TOPICS_JAVA, javaTopics, serviceProperties, topicsFile } from "./project.mjs";

/** The name of the image every deployment of a service uses (registry prefixes aside). */
export const imageName = (service) => `descent-observatory/${service}`;

/** Quarkus' environment-variable form of a property key: observatory.store.access-key -> OBSERVATORY_STORE_ACCESS_KEY. */
export const envName = (key) => key.toUpperCase().replace(/[^A-Z0-9]/g, "_");

/** Environment variables the runtime reads itself rather than the service's application.properties. */
const RUNTIME_VARIABLES = new Set(["JAVA_OPTS", "OMP_NUM_THREADS"]);

const containerOf = (objects, service) =>
  objects.find((o) => o.kind === "Deployment" && o.metadata.name === service)?.spec.template.spec.containers[0];

function checkEnvironmentKeys(where, names, properties) {
  const known = new Set([...properties.keys()].map(envName));
  return names
    .filter((name) => !RUNTIME_VARIABLES.has(name) && !name.startsWith("QUARKUS_") && !known.has(name))
    .map((name) => `${where}: ${name} matches no key of the service's application.properties`);
}

/**
 * One service across the files: HTTP port (application.properties quarkus.http.port = compose build arg, port
 * mapping and Prometheus target = Kubernetes containerPort, QUARKUS_HTTP_PORT, Service port and scrape
 * annotation), image name and tag, and every environment variable naming a real configuration key.
 */
export function checkService(root, service, compose, overlays) {
  const problems = [];
  const properties = serviceProperties(root, service);
  const port = Number(properties.get("quarkus.http.port"));
  const env = envExampleValues(root);
  const composed = compose.services?.[service];
  if (!composed) return [`${COMPOSE_FILE}: no service ${service}`];

  const where = `${COMPOSE_FILE} service ${service}`;
  if (Number(composed.build?.args?.HTTP_PORT) !== port) {
    problems.push(`${where}: build arg HTTP_PORT ${composed.build?.args?.HTTP_PORT} != quarkus.http.port ${port}`);
  }
  const containerPorts = (composed.ports ?? []).map((p) => Number(String(typeof p === "object" ? p.target : p).split(":").pop()));
  if (!containerPorts.includes(port)) problems.push(`${where}: publishes no container port ${port} (quarkus.http.port)`);
  const composeImage = interpolate(composed.image ?? "", env);
  if (imageRepository(composeImage) !== imageName(service)) {
    problems.push(`${where}: image ${composeImage} is not ${imageName(service)}:<tag>`);
  }
  problems.push(...checkEnvironmentKeys(where, Object.keys(composed.environment ?? {}), properties));

  const prometheus = yaml.load(readFileSync(join(root, "deploy/prometheus/prometheus.yml"), "utf8"));
  const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
  if (!targets.includes(`${service}:${port}`)) {
    problems.push(`deploy/prometheus/prometheus.yml: no scrape target ${service}:${port}`);
  }

  for (const [overlay, objects] of overlays) {
    const here = `k8s/overlays/${overlay} Deployment/${service}`;
    const container = containerOf(objects, service);
    if (!container) {
      problems.push(`${here}: not rendered`);
      continue;
    }
    if (!(container.ports ?? []).some((p) => p.containerPort === port)) {
      problems.push(`${here}: no containerPort ${port} (quarkus.http.port)`);
    }
    const httpPortEnv = (container.env ?? []).find((e) => e.name === "QUARKUS_HTTP_PORT");
    if (httpPortEnv && Number(httpPortEnv.value) !== port) {
      problems.push(`${here}: QUARKUS_HTTP_PORT ${httpPortEnv.value} != quarkus.http.port ${port}`);
    }
    const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata.name === service);
    const scrapePort = deployment.spec.template.metadata?.annotations?.["prometheus.io/port"];
    if (scrapePort !== undefined && Number(scrapePort) !== port) {
      problems.push(`${here}: annotation prometheus.io/port ${scrapePort} != ${port}`);
    }
    const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === service);
    if (!svc || !(svc.spec.ports ?? []).some((p) => p.port === port)) {
      problems.push(`k8s/overlays/${overlay} Service/${service}: must exist and listen on ${port}`);
    }
    if (!imageRepository(container.image).endsWith(imageName(service))) {
      problems.push(`${here}: image ${container.image} is not <registry>/${imageName(service)}`);
    }
    if (imageTag(container.image) !== imageTag(composeImage)) {
      problems.push(`${here}: image tag ${imageTag(container.image)} != compose's ${imageTag(composeImage)}`);
    }
    problems.push(...checkEnvironmentKeys(here, (container.env ?? []).map((e) => e.name), properties));
    const configMaps = (container.envFrom ?? []).map((f) => f.configMapRef?.name).filter(Boolean);
    for (const name of configMaps) {
      const data = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith(name))?.data ?? {};
      problems.push(...checkEnvironmentKeys(`${here} (from ConfigMap ${name})`, Object.keys(data), properties));
    }
  }
  return problems;
}

const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
const listed = (set) => [...set].sort().join(", ");

/**
 * Topics: Topics.java, deploy/kafka/topics (compose) and every overlay's KafkaTopics name the same topics; the
 * base's partition counts and retention are deploy/kafka/topics'; the services use only those topics.
 */
export function checkTopics(root, base, overlays) {
  const problems = [];
  const java = new Set(javaTopics(root));
  const file = topicsFile(root);
  const fileNames = new Set(file.map((t) => t.name));
  if (!sameSet(java, fileNames)) {
    problems.push(`${TOPICS_FILE} lists [${listed(fileNames)}] but ${TOPICS_JAVA} declares [${listed(java)}]`);
  }
  for (const [overlay, objects] of [["../base", base], ...overlays]) {
    const declared = new Set(objects.filter((o) => o.kind === "KafkaTopic").map((t) => t.spec.topicName ?? t.metadata.name));
    if (!sameSet(java, declared)) {
      problems.push(`k8s/overlays/${overlay}: KafkaTopics [${listed(declared)}] but ${TOPICS_JAVA} declares [${listed(java)}]`);
    }
  }
  for (const { name, partitions, retentionMs } of file) {
    const topic = base.find((o) => o.kind === "KafkaTopic" && (o.spec.topicName ?? o.metadata.name) === name);
    if (topic && topic.spec.partitions !== partitions) {
      problems.push(`k8s/base KafkaTopic ${name}: ${topic.spec.partitions} partitions, ${TOPICS_FILE} says ${partitions}`);
    }
    const retention = topic?.spec.config?.["retention.ms"];
    if (topic && Number(retention) !== retentionMs) {
      problems.push(`k8s/base KafkaTopic ${name}: retention.ms ${retention}, ${TOPICS_FILE} says ${retentionMs}`);
    }
  }
  for (const service of SERVICES) {
    for (const [key, value] of serviceProperties(root, service)) {
      if (/^mp\.messaging\.(incoming|outgoing)\.[^.]+\.topic$/.test(key) && !java.has(value)) {
        problems.push(`${service} application.properties: ${key}=${value} is not a topic of ${TOPICS_JAVA}`);
      }
    }
  }
  return problems;
}

/** KEDA scales the analyzer on the consumer group and topic the analyzer really consumes, on the services' broker. */
export function checkAnalyzerScaling(root, overlays) {
  const problems = [];
  const properties = serviceProperties(root, "analyzer-service");
  const group = properties.get("mp.messaging.incoming.checkpoints.group.id");
  const topic = properties.get("mp.messaging.incoming.checkpoints.topic");
  for (const [overlay, objects] of overlays) {
    const scaled = objects.find((o) => o.kind === "ScaledObject" && o.spec?.scaleTargetRef?.name === "analyzer-service");
    if (!scaled) {
      problems.push(`k8s/overlays/${overlay}: no ScaledObject scales analyzer-service`);
      continue;
    }
    const bootstrap = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("observatory-config"))
      ?.data?.KAFKA_BOOTSTRAP_SERVERS;
    for (const trigger of (scaled.spec.triggers ?? []).filter((t) => t.type === "kafka")) {
      const m = trigger.metadata ?? {};
      if (m.consumerGroup !== group) problems.push(`k8s/overlays/${overlay} ScaledObject: consumerGroup ${m.consumerGroup} != analyzer's group.id ${group}`);
      if (m.topic !== topic) problems.push(`k8s/overlays/${overlay} ScaledObject: topic ${m.topic} != analyzer's ${topic}`);
      if (m.bootstrapServers !== bootstrap) problems.push(`k8s/overlays/${overlay} ScaledObject: bootstrapServers ${m.bootstrapServers} != the services' ${bootstrap}`);
    }
  }
  return problems;
}

/** The provisioned Grafana dashboard queries the provisioned data source. */
export function checkGrafana(root) {
  const datasources = yaml.load(readFileSync(join(root, "deploy/grafana/provisioning/datasources/prometheus.yml"), "utf8"));
  const uids = new Set(datasources.datasources.map((d) => d.uid));
  const dashboard = JSON.parse(readFileSync(join(root, "deploy/grafana/dashboards/observatory.json"), "utf8"));
  return dashboard.panels
    .filter((panel) => !uids.has(panel.datasource?.uid))
    .map((panel) => `deploy/grafana/dashboards/observatory.json panel "${panel.title}": data source ${panel.datasource?.uid} is not provisioned`);
}
