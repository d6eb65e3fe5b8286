package io.mentorhub.api.directory;

import io.mentorhub.api.domain.InvalidValueException;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a write sets on a group: its name (unique ignoring case), the pushing system's id for it, and its members. */
public record GroupData(String displayName, String externalId, Set<String> memberIds) {

    public GroupData {
        displayName = Account.text("display_name", displayName, true);
        externalId = Account.text("external_id", externalId, false);
        Set<String> members = new LinkedHashSet<>();
        if (memberIds != null) {
            for (String id : memberIds) {
                if (id == null || id.isBlank()) {
                    throw new InvalidValueException("members", "a member needs a person id");
                }
                members.add(id);
            }
        }
        memberIds = java.util.Collections.unmodifiableSet(members);
    }
}
