"""Local SQLite storage: catalog cache, outbox, audit journal."""
