package com.conferencegateway.kafka;

import java.util.List;
import java.util.Set;

/** The topics the gateway needs, how to create the missing ones, and which of them are compacted. */
public record TopicPlan(boolean create, int partitions, short replicationFactor, List<String> names,
    Set<String> compacted) {}
