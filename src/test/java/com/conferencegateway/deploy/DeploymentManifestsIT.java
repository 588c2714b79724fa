package com.conferencegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every kustomize overlay with kubectl and checks what an SRE would: valid objects, probes
 * and ports that exist in the gateway's config, every variable of the contract wired, the Strimzi
 * topics and ACLs, no Secret holding a value; and that the image recipes agree with each other.
 */
class DeploymentManifestsIT {
  private static final List<String> CONTRACT_ENV = List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_TOPICS_CREATE",
      "PLATFORM_BASE_URL", "PLATFORM_APP_ID", "PLATFORM_APP_KEY", "PLATFORM_TIMESTAMP_FORMAT",
      "PLATFORM_ACCOUNTS_FILE", "GATEWAY_HTTP_PORT", "GATEWAY_MANAGEMENT_PORT", "GATEWAY_PUSH_TOKEN",
      "GATEWAY_SECRET_KEY", "GATEWAY_PUBLIC_URL", "GATEWAY_ROLES", "GATEWAY_QUERY_PORT", "GATEWAY_QUERY_TOKENS");
  /** Every topic the gateway uses, as its configuration names them. */
  private static final List<String> CONTRACT_TOPICS = ConfigLoader.defaultsOnly().kafka().topics().all();
  /** The session fold's internal topics: its application id, then the store's changelog or the repartition. */
  private static final String FOLD = ConfigLoader.defaultsOnly().sessions().applicationId();
  private static final List<String> STREAMS_TOPICS = List.of(
      FOLD + "-" + com.conferencegateway.session.SessionTopology.STORE + "-changelog",
      FOLD + "-" + com.conferencegateway.session.SessionTopology.RESULTS_BY_SESSION + "-repartition");

  static List<HasMetadata> render(String dir) throws Exception {
    Process p = new ProcessBuilder("kubectl", "kustomize", "deploy/" + dir).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize deploy/%s (install kubectl to run these checks):%n%s", dir, out)
        .isZero();
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : out.split("(?m)^---$")) {
      if (!doc.isBlank()) {
        objects.add(Serialization.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  private static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Deployment gatewayDeployment(List<HasMetadata> objects) {
    List<Deployment> deployments = ofType(objects, Deployment.class);
    assertThat(deployments).as("one Deployment").hasSize(1);
    return deployments.get(0);
  }

  private static String envValue(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
  }

  private static Map<String, String> selector(HasMetadata o) {
    if (o instanceof io.fabric8.kubernetes.api.model.Service svc) {
      return svc.getSpec().getSelector();
    }
    if (o instanceof io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget pdb) {
      return pdb.getSpec().getSelector().getMatchLabels();
    }
    if (o instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np) {
      return np.getSpec().getPodSelector().getMatchLabels();
    }
    return Map.of();
  }

  /**
   * Fields Strimzi's model does not know, at any depth: its classes keep them in additionalProperties,
   * where the operator would ignore or refuse them.
   */
  static List<String> unknownFields(Object node, String path) throws Exception {
    List<String> unknown = new ArrayList<>();
    if (node == null || !node.getClass().getName().startsWith("io.strimzi.")) {
      if (node instanceof java.util.Collection<?> c) {
        int i = 0;
        for (Object o : c) {
          unknown.addAll(unknownFields(o, path + "[" + i++ + "]"));
        }
      }
      return unknown;
    }
    for (java.lang.reflect.Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class || !m.getName().startsWith("get")) {
        continue;
      }
      Object value = m.invoke(node);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        unknown.addAll(unknownFields(value, path + "." + m.getName().substring(3)));
      }
    }
    return unknown;
  }

  /** The overlay's KafkaTopics and KafkaUser, read into Strimzi's own model. */
  private static List<Object> strimziResources(String rendered) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper yaml = io.fabric8.kubernetes.client.utils.Serialization.yamlMapper();
    List<Object> out = new ArrayList<>();
    for (String doc : rendered.split("(?m)^---$")) {
      if (doc.contains("kind: KafkaTopic")) {
        out.add(yaml.readValue(doc, io.strimzi.api.kafka.model.topic.KafkaTopic.class));
      } else if (doc.contains("kind: KafkaUser")) {
        out.add(yaml.readValue(doc, io.strimzi.api.kafka.model.user.KafkaUser.class));
      }
    }
    return out;
  }

  @Test
  void theStrimziResourcesHoldOnlyFieldsStrimzisModelKnows() throws Exception {
    Process p = new ProcessBuilder("kubectl", "kustomize", "deploy/overlays/strimzi").redirectErrorStream(true).start();
    String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<Object> resources = strimziResources(rendered);
    assertThat(resources).hasSize(CONTRACT_TOPICS.size() + STREAMS_TOPICS.size() + 1);
    for (Object r : resources) {
      assertThat(unknownFields(r, r.getClass().getSimpleName())).isEmpty();
    }
    // And the check catches a misspelling.
    String misspelt = rendered.replaceFirst("(?m)^  partitions: ", "  partitons: ")
        .replaceFirst("- operations:", "- operatoins:");
    List<String> caught = new ArrayList<>();
    for (Object r : strimziResources(misspelt)) {
      caught.addAll(unknownFields(r, r.getClass().getSimpleName()));
    }
    assertThat(caught).anyMatch(u -> u.contains("partitons")).anyMatch(u -> u.contains("operatoins"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/strimzi"})
  void theFoldAndQueryRoleRunsAsAStatefulSetApartFromTheIngressAndCommandsDeployment(String dir) throws Exception {
    List<HasMetadata> objects = render(dir);
    Deployment deployment = gatewayDeployment(objects);
    List<io.fabric8.kubernetes.api.model.apps.StatefulSet> sets =
        ofType(objects, io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
    assertThat(sets).hasSize(1);
    var sessions = sets.get(0);
    Container gw = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Container fold = sessions.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(envValue(gw, "GATEWAY_ROLES")).isEqualTo("ingress,commands");
    assertThat(envValue(fold, "GATEWAY_ROLES")).isEqualTo("sessions");
    Map<String, String> gwLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> foldLabels = sessions.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(gwLabels.get("app.kubernetes.io/component")).isEqualTo("gateway");
    assertThat(foldLabels.get("app.kubernetes.io/component")).isEqualTo("sessions");
    // No Service, PDB or NetworkPolicy selects both workloads, or the wrong one.
    for (HasMetadata o : objects) {
      Map<String, String> sel = selector(o);
      if (sel == null || sel.isEmpty()) {
        continue;
      }
      boolean gwSelected = gwLabels.entrySet().containsAll(sel.entrySet());
      boolean foldSelected = foldLabels.entrySet().containsAll(sel.entrySet());
      assertThat(gwSelected && foldSelected).as(o.getKind() + " " + o.getMetadata().getName() + " selects both").isFalse();
      assertThat(gwSelected || foldSelected).as(o.getKind() + " " + o.getMetadata().getName() + " selects neither")
          .isTrue();
    }
    List<io.fabric8.kubernetes.api.model.Service> services = ofType(objects, io.fabric8.kubernetes.api.model.Service.class);
    List<io.fabric8.kubernetes.api.model.Service> query = services.stream()
        .filter(svc -> svc.getSpec().getPorts().stream().anyMatch(p -> "query".equals(p.getTargetPort().getStrVal())))
        .toList();
    assertThat(query).as("one Service for the query port").hasSize(1);
    assertThat(foldLabels.entrySet()).containsAll(query.get(0).getSpec().getSelector().entrySet());
    assertThat(ofType(objects, io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class))
        .anyMatch(pdb -> foldLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    // The query port: from namespaces labelled as query clients, and from the gateway's own pods.
    var policy = ofType(objects, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class).stream()
        .filter(np -> foldLabels.entrySet().containsAll(np.getSpec().getPodSelector().getMatchLabels().entrySet()))
        .findFirst().orElseThrow();
    var queryRule = policy.getSpec().getIngress().stream()
        .filter(r -> r.getPorts().stream().anyMatch(p -> "query".equals(p.getPort().getStrVal()))).findFirst().orElseThrow();
    assertThat(queryRule.getFrom()).anyMatch(f -> f.getNamespaceSelector() != null
        && "true".equals(f.getNamespaceSelector().getMatchLabels().get("conference-gateway/query-client")));
    assertThat(queryRule.getFrom()).anyMatch(f -> f.getPodSelector() != null
        && "conference-gateway".equals(f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")));
    // State on a PersistentVolumeClaim, never the OS temp directory; a standby; tokens from a Secret.
    assertThat(sessions.getSpec().getVolumeClaimTemplates()).hasSize(1);
    String claim = sessions.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    String stateDir = envValue(fold, "SESSIONS_STATE_DIR");
    assertThat(fold.getVolumeMounts()).anyMatch(m -> m.getName().equals(claim) && stateDir.startsWith(m.getMountPath()));
    assertThat(Integer.parseInt(envValue(fold, "SESSIONS_STANDBY_REPLICAS"))).isGreaterThanOrEqualTo(1);
    assertThat(fold.getEnv()).anyMatch(e -> e.getName().equals("GATEWAY_QUERY_TOKENS")
        && e.getValueFrom().getSecretKeyRef() != null);
    assertThat(fold.getPorts()).anyMatch(p -> p.getName().equals("query")
        && p.getContainerPort() == ConfigLoader.defaultsOnly().gateway().queryPort());
    assertThat(sessions.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
    assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
    assertThat(ofType(objects, io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class))
        .allMatch(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment"));
  }

  /** Variables the manifests may set besides configuration keys: logging, the Kafka clients' pass-through, OTEL_*. */
  private static boolean knownOther(String variable) {
    return variable.startsWith("OTEL_") || variable.equals("LOG_FORMAT") || variable.equals("LOG_LEVEL")
        || variable.equals("JAVA_TOOL_OPTIONS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/strimzi"})
  void everyVariableTheManifestsSetIsAConfigurationKeyOrNamedAsAnother(String dir) throws Exception {
    List<HasMetadata> objects = render(dir);
    Set<String> set = new HashSet<>(settings(objects).keySet());
    List<Container> containers = new ArrayList<>();
    ofType(objects, Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
    ofType(objects, io.fabric8.kubernetes.api.model.apps.StatefulSet.class)
        .forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
    containers.forEach(c -> c.getEnv().forEach(e -> set.add(e.getName())));
    List<com.conferencegateway.config.ConfigKeys.Key> keys = com.conferencegateway.config.ConfigKeys.all();
    for (String variable : set) {
      boolean key = keys.stream().anyMatch(k -> k.shape() == com.conferencegateway.config.ConfigKeys.Shape.MAP
          ? variable.startsWith(k.variable() + "_") : variable.equals(k.variable()));
      assertThat(key || knownOther(variable)).as("%s in %s is neither a configuration key nor a known other",
          variable, dir).isTrue();
    }
  }

  @Test
  void theDevOverlayStaysOneProcessRunningEveryRole() throws Exception {
    List<HasMetadata> objects = render("overlays/dev");
    assertThat(ofType(objects, io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).isEmpty();
    Container c = gatewayDeployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(envValue(c, "GATEWAY_ROLES")).isEqualTo("ingress,commands,sessions");
    assertThat(c.getPorts()).anyMatch(p -> p.getName().equals("query"));
  }

  private static Map<String, String> settings(List<HasMetadata> objects) {
    return ofType(objects, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().startsWith("conference-gateway-settings"))
        .findFirst().map(ConfigMap::getData).orElse(Map.of());
  }

  private static GatewayConfig gatewayConfig(List<HasMetadata> objects) {
    String yaml = ofType(objects, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().startsWith("conference-gateway-config"))
        .findFirst().orElseThrow().getData().get("application.yaml");
    return ConfigLoader.fromYaml(yaml, "gateway:\n  secretKey: MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/strimzi"})
  void everyOverlayRendersAHardenedDeploymentWhoseProbesAndPortsExistInTheGatewaysConfig(String dir) throws Exception {
    List<HasMetadata> objects = render(dir);
    assertThat(objects).allMatch(o -> o.getApiVersion() != null && o.getKind() != null && o.getMetadata().getName() != null);
    Deployment deployment = gatewayDeployment(objects);
    Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    GatewayConfig config = gatewayConfig(objects);
    Map<String, String> env = settings(objects);
    int push = Integer.parseInt(env.getOrDefault("GATEWAY_HTTP_PORT", envValue(c, "GATEWAY_HTTP_PORT",
        String.valueOf(config.gateway().httpPort()))));
    int management = Integer.parseInt(env.getOrDefault("GATEWAY_MANAGEMENT_PORT", envValue(c, "GATEWAY_MANAGEMENT_PORT",
        String.valueOf(config.gateway().managementPort()))));
    Map<String, Integer> ports = c.getPorts().stream().collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
    assertThat(ports).containsEntry("push", push).containsEntry("management", management);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");

    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getLifecycle().getPreStop()).isNotNull();
    long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
    assertThat(pod.getTerminationGracePeriodSeconds() * 1000)
        .as("grace period longer than the preStop pause plus the gateway's drain")
        .isGreaterThan(preStop * 1000 + config.gateway().shutdownDrainMs());
    assertThat(pod.getTopologySpreadConstraints()).anyMatch(t -> t.getTopologyKey().equals("topology.kubernetes.io/zone"));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(dir.endsWith("dev") ? 1 : 2);

    assertThat(objects).extracting(HasMetadata::getKind).contains("Service", "PodDisruptionBudget",
        "HorizontalPodAutoscaler", "NetworkPolicy", "ServiceAccount");
    assertThat(ofType(objects, Secret.class)).as("no Secret with a value is committed")
        .allMatch(s -> (s.getData() == null || s.getData().isEmpty()) && (s.getStringData() == null || s.getStringData().isEmpty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/strimzi"})
  void productionOverlaysWireEveryEnvironmentVariableOfTheContract(String dir) throws Exception {
    List<HasMetadata> objects = render(dir);
    Container c = gatewayDeployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
    Set<String> wired = new HashSet<>(settings(objects).keySet());
    c.getEnv().stream().map(EnvVar::getName).forEach(wired::add);
    ofType(objects, io.fabric8.kubernetes.api.model.apps.StatefulSet.class).forEach(set -> set.getSpec().getTemplate()
        .getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).forEach(wired::add));
    assertThat(wired).containsAll(CONTRACT_ENV);
    for (String secret : List.of("PLATFORM_APP_KEY", "GATEWAY_SECRET_KEY", "GATEWAY_PUSH_TOKEN")) {
      EnvVar var = c.getEnv().stream().filter(e -> e.getName().equals(secret)).findFirst().orElseThrow();
      assertThat(var.getValueFrom().getSecretKeyRef()).as(secret + " comes from a Secret").isNotNull();
    }
  }

  @Test
  void devModeLeavesKafkaAndThePlatformUnsetSoBothRunEmbedded() throws Exception {
    List<HasMetadata> objects = render("overlays/dev");
    Container c = ofType(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getEnvFrom()).isEmpty();
    assertThat(c.getEnv()).extracting(EnvVar::getName).doesNotContain("KAFKA_BOOTSTRAP_SERVERS", "PLATFORM_BASE_URL");
    assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/app/data"));
  }

  @Test
  void theStrimziOverlayHasEveryTopicOfTheContractWithAnAclAndTheGatewayOnScramOverTls() throws Exception {
    List<HasMetadata> objects = render("overlays/strimzi");
    List<GenericKubernetesResource> topics = ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("KafkaTopic")).toList();
    Map<String, Map<String, Object>> specs = topics.stream().collect(Collectors.toMap(
        t -> (String) spec(t).get("topicName"), DeploymentManifestsIT::spec));
    List<String> all = new ArrayList<>(CONTRACT_TOPICS);
    all.addAll(STREAMS_TOPICS);
    assertThat(specs.keySet()).containsExactlyInAnyOrderElementsOf(all);
    Map<String, String> policies = Map.of("conference.accounts", "compact", "conference.sessions", "compact,delete",
        STREAMS_TOPICS.get(0), "compact");
    specs.forEach((name, spec) -> {
      assertThat(spec.get("replicas")).as(name).isEqualTo(3);
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) spec.get("config");
      assertThat(config.get("min.insync.replicas")).as(name).isEqualTo(2);
      assertThat(config.get("cleanup.policy")).as(name).isEqualTo(policies.getOrDefault(name, "delete"));
    });
    // The fold reads these co-partitioned by session id, and its internal topics follow them.
    for (String coPartitioned : List.of("conference.state", "conference.cdr", "conference.command.result",
        "conference.sessions", STREAMS_TOPICS.get(0), STREAMS_TOPICS.get(1))) {
      assertThat(specs.get(coPartitioned).get("partitions")).as(coPartitioned)
          .isEqualTo(specs.get("conference.state").get("partitions"));
    }
    GenericKubernetesResource user = ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("KafkaUser")).findFirst().orElseThrow();
    Map<String, Object> userSpec = spec(user);
    @SuppressWarnings("unchecked")
    Map<String, Object> authz = (Map<String, Object>) userSpec.get("authorization");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> acls = (List<Map<String, Object>>) authz.get("acls");
    Set<String> aclTopics = acls.stream().map(a -> (Map<?, ?>) a.get("resource"))
        .filter(r -> "topic".equals(r.get("type"))).map(r -> (String) r.get("name")).collect(Collectors.toSet());
    List<String> aclNames = new ArrayList<>(CONTRACT_TOPICS);
    aclNames.add(FOLD + "-");
    assertThat(aclTopics).containsExactlyInAnyOrderElementsOf(aclNames);
    assertThat(STREAMS_TOPICS).allMatch(t -> t.startsWith(FOLD + "-"));
    assertThat(acls).anyMatch(a -> "transactionalId".equals(((Map<?, ?>) a.get("resource")).get("type")));
    Set<String> aclGroups = acls.stream().map(a -> (Map<?, ?>) a.get("resource"))
        .filter(r -> "group".equals(r.get("type"))).map(r -> (String) r.get("name")).collect(Collectors.toSet());
    String commandGroup = ConfigLoader.defaultsOnly().command().groupId();
    assertThat(aclGroups).as("the command group, the key owners' group and the fold's")
        .containsExactlyInAnyOrder(commandGroup, commandGroup + "-keys", FOLD);
    assertThat(((Map<?, ?>) userSpec.get("authentication")).get("type")).isEqualTo("scram-sha-512");
    Map<String, String> env = settings(objects);
    assertThat(env).containsEntry("KAFKA_COMMON_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("KAFKA_COMMON_SASL_MECHANISM", "SCRAM-SHA-512");
    Container c = ofType(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getEnv()).anyMatch(e -> e.getName().equals("KAFKA_COMMON_SASL_JAAS_CONFIG")
        && e.getValueFrom().getSecretKeyRef().getName().equals(user.getMetadata().getName()));
  }

  @Test
  void theDockerfileAndJibBuildTheSameJarOnAPinnedNonRootImageWithTheConfiguredPorts() throws Exception {
    boolean docker = new ProcessBuilder("sh", "-c", "docker info >/dev/null 2>&1").start().waitFor() == 0;
    System.out.println(docker ? "Docker engine found; the recipe checks run as well"
        : "No container engine here: checking the image recipes' consistency instead of building them");
    String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
    // The base images are build arguments, pinned by default; the runtime stages start from the base stage.
    Map<String, String> args = new java.util.HashMap<>();
    Matcher arg = Pattern.compile("(?m)^ARG\\s+(\\w+)=(\\S+)").matcher(dockerfile);
    while (arg.find()) {
      args.put(arg.group(1), arg.group(2));
    }
    assertThat(args.keySet()).containsExactlyInAnyOrder("BUILD_IMAGE", "RUNTIME_IMAGE");
    assertThat(args.values()).allMatch(DeploymentManifestsIT::pinned);
    String runtime = args.get("RUNTIME_IMAGE");
    assertThat(matches(dockerfile, "(?m)^FROM\\s+(.+)$")).containsExactly("${BUILD_IMAGE} AS build",
        "${RUNTIME_IMAGE} AS base", "base AS prebuilt", "base AS runtime");
    assertThat(matches(dockerfile, "(?m)^USER\\s+(\\d+)")).containsExactly("10001");
    GatewayConfig defaults = ConfigLoader.defaultsOnly();
    List<String> ports = List.of(String.valueOf(defaults.gateway().httpPort()),
        String.valueOf(defaults.gateway().managementPort()), String.valueOf(defaults.gateway().queryPort()));
    assertThat(matches(dockerfile, "(?m)^EXPOSE\\s+(.+)$").get(0).trim().split("\\s+")).containsExactlyElementsOf(ports);
    assertThat(dockerfile).contains("target/conference-gateway.jar").contains("MaxRAMPercentage");

    String pom = Files.readString(Path.of("pom.xml"));
    assertThat(pom).contains("<finalName>conference-gateway</finalName>");
    assertThat(matches(pom, "<from>\\s*<image>([^<]+)</image>")).containsExactly(runtime);
    assertThat(matches(pom, "<user>([^<]+)</user>")).containsExactly("10001:10001");
    assertThat(matches(pom, "<port>(\\d+)</port>")).containsExactlyElementsOf(ports);
    // Both images start the JVM with the same flags, in the same order.
    List<String> dockerFlags = List.of(matches(dockerfile, "JAVA_TOOL_OPTIONS=\"([^\"]+)\"").get(0).split("\\s+"));
    assertThat(matches(pom, "<jvmFlag>([^<]+)</jvmFlag>")).containsExactlyElementsOf(dockerFlags)
        .contains("-XX:-ClassUnloadingWithConcurrentMark", "-XX:MaxRAMPercentage=60");
    // ... and the same bounded malloc arenas (deploy/README.md, "Memory").
    assertThat(matches(dockerfile, "(?m)^ENV MALLOC_ARENA_MAX=(\\d+)$")).containsExactly("2");
    assertThat(matches(pom, "<MALLOC_ARENA_MAX>(\\d+)</MALLOC_ARENA_MAX>")).containsExactly("2");
  }

  /** An exact tag with a patch version (x.y.z...) or a digest: never "latest" or a moving major tag. */
  private static boolean pinned(String image) {
    return image.contains("@sha256:") || image.matches(".+:\\d+\\.\\d+\\.\\d+.*");
  }

  private static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String envValue(Container c, String name, String fallback) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name) && e.getValue() != null).map(EnvVar::getValue)
        .findFirst().orElse(fallback);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }
}
