package com.conferencegateway.session;

import java.util.List;

/**
 * What the fold keeps per conference in its state store: the published view, plus what it needs to
 * stay right under repeats that the view does not show (the CDRs already counted, and whether an
 * end command succeeded).
 */
public record FoldedSession(ConferenceSession view, List<String> cdrIds, String endAcceptedAt) {
  public FoldedSession {
    cdrIds = List.copyOf(cdrIds);
  }
}
