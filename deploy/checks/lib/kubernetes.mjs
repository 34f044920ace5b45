// Checks of one rendered overlay (a list of Kubernetes objects). Each function returns a list of problems, each
// naming the object ("Deployment/trainer-service: ...") so that a failure says what to fix.

/** API groups of the operators' custom resources, checked by checkCustomResources instead of kubernetes-models. */
const CUSTOM_GROUPS = new Set(["kafka.strimzi.io", "keda.sh"]);
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "Job"]);

const id = (o) => `${o.kind}/${o.metadata?.name}`;
const group = (apiVersion) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");
const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);

/** Validates every built-in object against the Kubernetes OpenAPI schemas bundled in kubernetes-models. */
export async function validateBuiltIns(objects) {
  const problems = [];
  for (const object of objects) {
    if (!object.apiVersion || !object.kind) {
      problems.push(`an object without apiVersion/kind: ${JSON.stringify(object).slice(0, 120)}`);
      continue;
    }
    if (CUSTOM_GROUPS.has(group(object.apiVersion))) continue;
    let module;
    try {
      module = await import(`kubernetes-models/${object.apiVersion}`);
    } catch {
      problems.push(`${id(object)}: unknown apiVersion ${object.apiVersion}`);
      continue;
    }
    const Model = module[object.kind];
    if (!Model) {
      problems.push(`${id(object)}: ${object.apiVersion} has no kind ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${id(object)}: ${e.message}`);
    }
  }
  return problems;
}

const isPositiveInt = (v) => Number.isInteger(v) && v >= 1;

/**
 * The Strimzi and KEDA resources' required fields and their references (no schema for them is available offline):
 * Kafka listeners, node pools with roles and storage, topics naming an existing cluster with partitions and
 * replicas (no more than the cluster's brokers), and a ScaledObject targeting an existing Deployment (which leaves
 * its replica count to KEDA) through a Kafka trigger on an existing topic, with no more replicas than that topic has
 * partitions.
 */
export function checkCustomResources(objects) {
  const problems = [];
  const clusters = new Map(byKind(objects, "Kafka").map((k) => [k.metadata.name, k]));
  const brokers = new Map();
  for (const kafka of clusters.values()) {
    const listeners = kafka.spec?.kafka?.listeners;
    if (!Array.isArray(listeners) || listeners.length === 0) {
      problems.push(`${id(kafka)}: spec.kafka.listeners must list at least one listener`);
    } else {
      for (const l of listeners) {
        for (const field of ["name", "port", "type", "tls"]) {
          if (l[field] === undefined) problems.push(`${id(kafka)}: listener ${l.name ?? "?"} lacks ${field}`);
        }
      }
    }
    if (kafka.metadata.annotations?.["strimzi.io/node-pools"] !== "enabled") {
      problems.push(`${id(kafka)}: annotation strimzi.io/node-pools must be "enabled" (KRaft needs node pools)`);
    }
    brokers.set(kafka.metadata.name, 0);
  }
  for (const pool of byKind(objects, "KafkaNodePool")) {
    const cluster = pool.metadata.labels?.["strimzi.io/cluster"];
    if (!clusters.has(cluster)) problems.push(`${id(pool)}: label strimzi.io/cluster names no Kafka (${cluster})`);
    const { replicas, roles, storage } = pool.spec ?? {};
    if (!isPositiveInt(replicas)) problems.push(`${id(pool)}: spec.replicas must be an integer >= 1`);
    if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => !["controller", "broker"].includes(r))) {
      problems.push(`${id(pool)}: spec.roles must list controller and/or broker`);
    }
    if (!storage?.type) problems.push(`${id(pool)}: spec.storage.type is required`);
    if (Array.isArray(roles) && roles.includes("broker") && clusters.has(cluster)) {
      brokers.set(cluster, brokers.get(cluster) + (replicas ?? 0));
    }
  }
  for (const [cluster, count] of brokers) {
    if (count === 0) problems.push(`Kafka/${cluster}: no KafkaNodePool with the broker role`);
  }
  const topics = new Map();
  for (const topic of byKind(objects, "KafkaTopic")) {
    const cluster = topic.metadata.labels?.["strimzi.io/cluster"];
    if (!clusters.has(cluster)) problems.push(`${id(topic)}: label strimzi.io/cluster names no Kafka (${cluster})`);
    const { partitions, replicas, topicName } = topic.spec ?? {};
    if (!isPositiveInt(partitions)) problems.push(`${id(topic)}: spec.partitions must be an integer >= 1`);
    if (!isPositiveInt(replicas)) problems.push(`${id(topic)}: spec.replicas must be an integer >= 1`);
    if (isPositiveInt(replicas) && brokers.get(cluster) !== undefined && replicas > brokers.get(cluster)) {
      problems.push(`${id(topic)}: ${replicas} replicas but cluster ${cluster} has ${brokers.get(cluster)} broker(s)`);
    }
    topics.set(topicName ?? topic.metadata.name, topic);
  }
  const deployments = new Map(byKind(objects, "Deployment").map((d) => [d.metadata.name, d]));
  for (const scaled of byKind(objects, "ScaledObject")) {
    const spec = scaled.spec ?? {};
    const target = deployments.get(spec.scaleTargetRef?.name);
    if (!target) {
      problems.push(`${id(scaled)}: scaleTargetRef.name names no Deployment (${spec.scaleTargetRef?.name})`);
    } else if (target.spec?.replicas !== undefined) {
      problems.push(`${id(target)}: sets spec.replicas although ${id(scaled)} scales it (kubectl apply would reset it)`);
    }
    if (!Array.isArray(spec.triggers) || spec.triggers.length === 0) {
      problems.push(`${id(scaled)}: spec.triggers must list at least one trigger`);
      continue;
    }
    const min = spec.minReplicaCount ?? 0;
    const max = spec.maxReplicaCount ?? 100;
    if (min > max) problems.push(`${id(scaled)}: minReplicaCount ${min} > maxReplicaCount ${max}`);
    for (const trigger of spec.triggers) {
      if (!trigger.type) problems.push(`${id(scaled)}: a trigger lacks type`);
      if (trigger.type !== "kafka") continue;
      for (const field of ["bootstrapServers", "consumerGroup", "topic", "lagThreshold"]) {
        if (!trigger.metadata?.[field]) problems.push(`${id(scaled)}: kafka trigger lacks metadata.${field}`);
      }
      const topic = topics.get(trigger.metadata?.topic);
      if (!topic) {
        problems.push(`${id(scaled)}: kafka trigger's topic ${trigger.metadata?.topic} is no KafkaTopic`);
      } else if (max > topic.spec.partitions) {
        problems.push(`${id(scaled)}: maxReplicaCount ${max} exceeds the ${topic.spec.partitions} partitions of ` +
          `${trigger.metadata.topic}: the extra replicas would idle`);
      }
    }
  }
  return problems;
}

function podSpecs(objects) {
  return objects
    .filter((o) => WORKLOAD_KINDS.has(o.kind))
    .map((o) => ({ owner: o, pod: o.spec?.template?.spec ?? {}, labels: o.spec?.template?.metadata?.labels ?? {} }));
}

/**
 * Workloads: pod security (non-root, read-only root filesystem, no privilege escalation), memory requests and
 * limits on every container, and Quarkus health probes on every long-running container that serves /q/health.
 */
export function checkWorkloads(objects) {
  const problems = [];
  for (const { owner, pod } of podSpecs(objects)) {
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${id(owner)}: pod must set runAsNonRoot: true`);
    for (const c of pod.containers ?? []) {
      const where = `${id(owner)} container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) {
        problems.push(`${where}: needs resources.requests.memory and resources.limits.memory`);
      }
      const quarkus = (c.ports ?? []).some((p) => p.name === "http") && owner.kind === "Deployment";
      if (quarkus) {
        if (c.livenessProbe?.httpGet?.path !== "/q/health/live") {
          problems.push(`${where}: livenessProbe must GET /q/health/live`);
        }
        if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") {
          problems.push(`${where}: readinessProbe must GET /q/health/ready`);
        }
      }
    }
  }
  return problems;
}

/**
 * References between objects: ConfigMaps a pod reads exist; Secrets are referenced only, never embedded, and each
 * one referenced is named in the deployment guide (the reader must create it); Services select some pods and target
 * a port those pods declare; the Ingress points at an existing Service port.
 */
export function checkReferences(objects, guideText) {
  const problems = [];
  const configMaps = new Set(byKind(objects, "ConfigMap").map((o) => o.metadata.name));
  for (const secret of byKind(objects, "Secret")) {
    if (secret.data || secret.stringData) {
      problems.push(`${id(secret)}: a Secret with data is embedded in the manifests; reference it, create it out of band`);
    }
  }
  const pods = podSpecs(objects);
  for (const { owner, pod } of pods) {
    const references = [];
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) references.push(["ConfigMap", from.configMapRef.name]);
        if (from.secretRef) references.push(["Secret", from.secretRef.name]);
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.configMapKeyRef) references.push(["ConfigMap", e.valueFrom.configMapKeyRef.name]);
        if (e.valueFrom?.secretKeyRef) references.push(["Secret", e.valueFrom.secretKeyRef.name]);
      }
    }
    for (const v of pod.volumes ?? []) {
      if (v.configMap) references.push(["ConfigMap", v.configMap.name]);
      if (v.secret) references.push(["Secret", v.secret.secretName]);
    }
    const distinct = [...new Map(references.map((r) => [r.join("/"), r])).values()];
    for (const [kind, name] of distinct) {
      if (kind === "ConfigMap" && !configMaps.has(name)) problems.push(`${id(owner)}: reads ConfigMap ${name}, which is not rendered`);
      if (kind === "Secret" && !guideText.includes(name)) {
        problems.push(`${id(owner)}: reads Secret ${name}, which docs/deployment.md does not tell how to create`);
      }
    }
  }
  const services = new Map();
  for (const service of byKind(objects, "Service")) {
    const selector = service.spec?.selector ?? {};
    const matching = pods.filter(({ labels }) => Object.entries(selector).every(([k, v]) => labels[k] === v));
    if (Object.keys(selector).length === 0 || matching.length === 0) {
      problems.push(`${id(service)}: its selector matches no pod template`);
    }
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const declared = matching.some(({ pod }) => (pod.containers ?? []).some((c) =>
        (c.ports ?? []).some((p) => p.name === target || p.containerPort === target)));
      if (matching.length > 0 && !declared) {
        problems.push(`${id(service)}: targetPort ${target} is no container port of the selected pods`);
      }
    }
    services.set(service.metadata.name, service);
  }
  for (const ingress of byKind(objects, "Ingress")) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const service = services.get(backend?.name);
        const port = backend?.port;
        if (!service) {
          problems.push(`${id(ingress)}: backend Service ${backend?.name} is not rendered`);
        } else if (!(service.spec.ports ?? []).some((p) => p.name === port?.name || p.port === port?.number)) {
          problems.push(`${id(ingress)}: Service ${backend.name} has no port ${port?.name ?? port?.number}`);
        }
      }
    }
  }
  return problems;
}
