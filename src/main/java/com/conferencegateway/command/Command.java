package com.conferencegateway.command;

import java.util.List;

/** A command from {@code conference.command}, one record per type of the contract. */
public sealed interface Command {
  String commandId();

  String type();

  /** The platform call the command maps to (PlatformCalls' wire name). */
  String platformCall();

  /** The conference the command concerns, when it names one. */
  default String sessionId() {
    return null;
  }

  record CreateConference(String commandId, String accountId, String caller, List<String> phones, String userId)
      implements Command {
    public String type() {
      return "conference.create";
    }

    public String platformCall() {
      return "createConference";
    }
  }

  record AddParticipants(String commandId, String sessionId, List<String> phones) implements Command {
    public String type() {
      return "conference.add";
    }

    public String platformCall() {
      return "conferenceAdd";
    }
  }

  record RemoveParticipants(String commandId, String sessionId, List<String> phones) implements Command {
    public String type() {
      return "conference.remove";
    }

    public String platformCall() {
      return "conferenceMinus";
    }
  }

  record EndConference(String commandId, String sessionId) implements Command {
    public String type() {
      return "conference.end";
    }

    public String platformCall() {
      return "endConference";
    }
  }

  /** {@code authData} as the JSON text the platform expects (name, telephone, linker, email). */
  record RegisterAccount(String commandId, String companyId, String authData, String recordUrl, String statusUrl)
      implements Command {
    public String type() {
      return "account.register";
    }

    public String platformCall() {
      return "accountReg";
    }
  }

  record RechargeAccount(String commandId, String accountId, long amount, String rechargeType, String unitPrice,
      String abilityType) implements Command {
    public String type() {
      return "account.recharge";
    }

    public String platformCall() {
      return "accountRecharge";
    }
  }

  record RefreshKey(String commandId, String accountId) implements Command {
    public String type() {
      return "account.refreshKey";
    }

    public String platformCall() {
      return "getAccountkey";
    }
  }
}
