-- A drill's workspace is a sandbox: nothing it decides reaches a real channel.
ALTER TABLE workspaces ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
