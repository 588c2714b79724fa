package com.conferencegateway.ingress;

import java.util.List;

/** The CDRs of one push, validated whole; repeats of a detailId within the push are kept once. */
record CdrBatch(List<Cdr> cdrs) {}
