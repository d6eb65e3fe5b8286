-- What a system pushing people (an identity provider through SCIM) knows about a person besides the HRIS fields:
-- the login it provisions, the name it shows and its own id. A person without a row is known by their work e-mail.
-- removed_at: taken out of the directory (SCIM DELETE); the person stays, terminated, and the login stays theirs so
-- a rehire under the same login finds them again.
CREATE TABLE directory_account (
    hris_id        VARCHAR(64)  PRIMARY KEY REFERENCES person (hris_id),
    user_name      VARCHAR(256) NOT NULL,
    user_name_key  VARCHAR(256) NOT NULL,
    display_name   VARCHAR(256),
    external_id    VARCHAR(256),
    removed_at     TIMESTAMP WITH TIME ZONE,
    version        BIGINT       NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT directory_account_user_name UNIQUE (user_name_key)
);
CREATE INDEX directory_account_external ON directory_account (external_id);

-- Groups of people pushed by an identity provider; names are unique ignoring case.
CREATE TABLE directory_group (
    id                UUID         PRIMARY KEY,
    display_name      VARCHAR(256) NOT NULL,
    display_name_key  VARCHAR(256) NOT NULL,
    external_id       VARCHAR(256),
    version           BIGINT       NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT directory_group_name UNIQUE (display_name_key)
);
CREATE INDEX directory_group_external ON directory_group (external_id);

CREATE TABLE directory_group_member (
    group_id  UUID        NOT NULL REFERENCES directory_group (id),
    hris_id   VARCHAR(64) NOT NULL REFERENCES person (hris_id),
    PRIMARY KEY (group_id, hris_id)
);
CREATE INDEX directory_group_member_person ON directory_group_member (hris_id);
