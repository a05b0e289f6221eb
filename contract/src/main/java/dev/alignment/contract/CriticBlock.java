package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the Split PPO topology's critic serves, how the actor finds it, and the secret both share; both roles get the same block. */
@JsonClassDescription("Where the Split PPO topology's critic serves (port), how the actor finds it (url), and the file"
    + " holding the secret every actor call carries (tokenFile).")
public record CriticBlock(
    @JsonPropertyDescription("The actor's URL of the critic, http://<service>.<namespace>.svc:<port>.")
    String url,
    @JsonPropertyDescription("The port the critic serves on. Default " + Defaults.CRITIC_PORT + ".")
    int port,
    @JsonPropertyDescription("A file holding the attempt's shared secret (the operator mounts it from a Secret into both"
        + " pods): the actor sends it as 'Authorization: Bearer <secret>' on every call and the critic answers 401 to"
        + " any call without it. Required: a Split config without it is refused.")
    String tokenFile) {}
