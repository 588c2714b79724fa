package com.conferencegateway.kafka;

import org.apache.kafka.common.header.Header;
import java.util.List;

/** One record the gateway writes: where, under which key, what, and its headers. */
public record OutboundRecord(String topic, String key, byte[] value, List<Header> headers) {}
