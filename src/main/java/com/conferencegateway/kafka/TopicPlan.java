package com.conferencegateway.kafka;

import java.util.List;
import java.util.Map;

/**
 * The topics the gateway needs, how to create the missing ones, and the topic configs of those that
 * are not plain event logs (compacted state: accounts, sessions).
 */
public record TopicPlan(boolean create, int partitions, short replicationFactor, List<String> names,
    Map<String, Map<String, String>> configs) {}
