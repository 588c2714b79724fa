package com.conferencegateway.query;

/**
 * Why a query gets no conference: each kind is one answer of the API ({@link QueryAnswer#forFailure}).
 * Messages are for the caller: they name the parameter or the conference, never a token.
 */
public abstract sealed class QueryFailure extends RuntimeException
    permits QueryFailure.Invalid, QueryFailure.Unauthorized, QueryFailure.NotFound, QueryFailure.NotReady {

  private final String code;

  QueryFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A parameter is wrong (400); the code names which. */
  public static final class Invalid extends QueryFailure {
    public Invalid(String code, String message) {
      super(code, message);
    }
  }

  /** No bearer token, or not one of GATEWAY_QUERY_TOKENS; or a forwarded request that is not from a gateway (401). */
  public static final class Unauthorized extends QueryFailure {
    public Unauthorized(String message) {
      super("UNAUTHORIZED", message);
    }
  }

  /** The gateway never saw the conference, or it left the view (404). */
  public static final class NotFound extends QueryFailure {
    public NotFound(String sessionId) {
      super("NOT_FOUND", "no conference " + sessionId + " is known: never seen, or unchanged for longer than "
          + "sessions.retentionHours");
    }

    /** A path that is not part of the API. */
    NotFound(String code, String message) {
      super(code, message);
    }
  }

  /** This process cannot answer yet: the fold is starting, or partitions are moving (503 with Retry-After). */
  public static final class NotReady extends QueryFailure {
    public NotReady(String message) {
      super("NOT_READY", message);
    }
  }
}
