package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the Split PPO topology's critic serves and the actor finds it; both roles get the same block. */
@JsonClassDescription("Where the Split PPO topology's critic serves (port) and the actor finds it (url).")
public record CriticBlock(
    @JsonPropertyDescription("The actor's URL of the critic, http://<service>.<namespace>.svc:<port>.")
    String url,
    @JsonPropertyDescription("The port the critic serves on. Default " + Defaults.CRITIC_PORT + ".")
    int port) {}
