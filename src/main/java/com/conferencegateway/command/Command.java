package com.conferencegateway.command;

import java.util.List;

/** A command from {@code conference.command}, one record per type of the contract. */
public sealed interface Command {
  String commandId();

  String type();

  /** The conference the command concerns, when it names one. */
  default String sessionId() {
    return null;
  }

  record CreateConference(String commandId, String accountId, String caller, List<String> phones, String userId)
      implements Command {
    public String type() {
      return "conference.create";
    }
  }

  record AddParticipants(String commandId, String sessionId, List<String> phones) implements Command {
    public String type() {
      return "conference.add";
    }
  }

  record RemoveParticipants(String commandId, String sessionId, List<String> phones) implements Command {
    public String type() {
      return "conference.remove";
    }
  }

  record EndConference(String commandId, String sessionId) implements Command {
    public String type() {
      return "conference.end";
    }
  }

  /** {@code authData} as the JSON text the platform expects (name, telephone, linker, email). */
  record RegisterAccount(String commandId, String companyId, String authData, String recordUrl, String statusUrl)
      implements Command {
    public String type() {
      return "account.register";
    }
  }

  record RechargeAccount(String commandId, String accountId, long amount, String rechargeType, String unitPrice,
      String abilityType) implements Command {
    public String type() {
      return "account.recharge";
    }
  }

  record RefreshKey(String commandId, String accountId) implements Command {
    public String type() {
      return "account.refreshKey";
    }
  }
}
