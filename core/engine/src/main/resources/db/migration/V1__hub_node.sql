-- One row per hub process that ever ran against this database: which nodes are alive and since when.
CREATE TABLE hub_node (
    node_id     VARCHAR(64)  PRIMARY KEY,
    address     VARCHAR(255) NOT NULL,
    started_at  TIMESTAMP    NOT NULL,
    last_seen   TIMESTAMP    NOT NULL
);
