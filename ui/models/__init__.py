"""View-models exposed to QML."""
